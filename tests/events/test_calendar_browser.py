"""A visitor pages through the month view and downloads an event's .ics."""

import icalendar
import pytest

from tests import factories
from tests.helpers import brussels

# serialized_rollback: the flush after a transactional test would otherwise
# remove the locales and home page the migrations create, for later tests.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_page_through_the_month_view_and_download_the_ics(browser_page, home_page):
    calendar = factories.EventIndexPageFactory(parent=home_page)
    factories.EventPageFactory(
        parent=calendar, title="March concert", start=brussels(2027, 3, 12, 20), end=brussels(2027, 3, 12, 22)
    )
    factories.EventPageFactory(
        parent=calendar,
        title="Russian course",
        start=brussels(2027, 4, 6, 19),
        end=brussels(2027, 4, 6, 21),
        recurrence="FREQ=WEEKLY;COUNT=4",
    )
    page = browser_page

    page.goto("/en/events/month/?month=2027-03")
    assert page.locator(".month-nav__current").inner_text() == "March 2027"
    # Each event is linked twice: in the month's grid and in the agenda below it.
    agenda, grid = page.locator(".month-days"), page.locator("table")
    assert agenda.get_by_role("link", name="March concert").is_visible()
    assert grid.get_by_role("link", name="March concert").count() == 1

    page.get_by_role("link", name="Next month").click()
    page.wait_for_url("**/month/?month=2027-04")
    assert page.locator(".month-nav__current").inner_text() == "April 2027"
    assert agenda.get_by_role("link", name="Russian course").count() == 4

    agenda.get_by_role("link", name="Russian course").first.click()
    page.wait_for_url("**/events/russian-course/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar").click()
    download = download_info.value

    assert download.suggested_filename == "russian-course.ics"
    with open(download.path(), "rb") as ics:
        [event] = icalendar.Calendar.from_ical(ics.read()).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Russian course"
    assert event["RRULE"]["COUNT"] == [4]
    assert event.decoded("DTSTART") == brussels(2027, 4, 6, 19)
