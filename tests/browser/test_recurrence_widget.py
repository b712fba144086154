"""An editor makes an event repeat with the recurrence form, without writing iCalendar text."""

import datetime

import pytest
from django.utils import timezone

from events.models import EventPage
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct horse battery staple"  # UserFactory's


def next_tuesday():
    today = timezone.localdate() + datetime.timedelta(days=14)
    return today + datetime.timedelta(days=(1 - today.weekday()) % 7)


def test_an_editor_sets_every_two_weeks_on_tuesday_and_thursday_ten_times(browser_page, moderator, home_page):
    events_index = factories.EventIndexPageFactory(parent=home_page)
    page = browser_page
    starts = next_tuesday()

    page.goto("/admin/login/")
    page.get_by_label("Username").fill("olga")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", level=1).wait_for()

    page.goto(f"/admin/pages/{events_index.pk}/add_subpage/")
    page.locator("#id_title").fill("Russian conversation course")
    page.locator("#id_start").fill(starts.strftime("%Y-%m-%d 19:00"))
    page.locator("#id_end").fill(starts.strftime("%Y-%m-%d 21:00"))
    page.locator("#id_summary").fill("Twenty sessions of conversation.")

    weekdays = page.locator("[data-recurrence-part=weekdays]")
    page.get_by_label("Repeats", exact=True).select_option("MONTHLY")
    assert weekdays.is_hidden()  # Weekdays apply to weekly rules only.
    page.get_by_label("Repeats", exact=True).select_option("WEEKLY")
    page.locator("[name=recurrence_interval]").fill("2")
    weekdays.get_by_label("Tuesday").check()
    weekdays.get_by_label("Thursday").check()
    page.get_by_label("After a number of times").check()
    page.get_by_label("Number of times", exact=True).fill("10")
    page.get_by_text("Changed: the rule is described here once the page is saved.").wait_for()

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("created and published").wait_for()

    event = EventPage.objects.get(title="Russian conversation course")
    assert event.recurrence == "FREQ=WEEKLY;COUNT=10;INTERVAL=2;BYDAY=TU,TH"
    assert len(list(event.rule)) == 10

    # Opened again, the form says what the rule is and keeps the raw text reachable.
    page.goto(f"/admin/pages/{event.pk}/edit/")
    page.get_by_text("Repeats every 2 weeks, on Tuesday, Thursday, 10 times.").wait_for()
    assert page.locator("[name=recurrence_rule]").input_value() == event.recurrence
