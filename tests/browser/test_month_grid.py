"""A visitor walks the month grid with the keyboard and registers for an event."""

import pytest

from registrations.registrant import Registrant
from tests import factories
from tests.helpers import brussels

# serialized_rollback: the flush after a transactional test would otherwise
# remove the locales and home page the migrations create, for later tests.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def focused_day(page):
    return page.evaluate("document.activeElement.dataset.day || null")


def test_the_month_grid_is_walked_with_the_keyboard(browser_page, home_page):
    calendar = factories.EventIndexPageFactory(parent=home_page)
    factories.EventPageFactory(
        parent=calendar, title="March concert", start=brussels(2027, 3, 9, 20), end=brussels(2027, 3, 9, 22)
    )
    factories.EventPageFactory(
        parent=calendar, title="April lecture", start=brussels(2027, 4, 6, 19), end=brussels(2027, 4, 6, 21)
    )
    page = browser_page
    page.goto("/en/events/month/?month=2027-03")

    grid = page.get_by_role("table", name="Events in March 2027")
    assert grid.is_visible()
    page.locator('td[tabindex="0"]').focus()
    assert focused_day(page) == "2027-03-01"

    page.keyboard.press("ArrowRight")
    assert focused_day(page) == "2027-03-02"
    page.keyboard.press("ArrowDown")
    assert focused_day(page) == "2027-03-09"
    page.keyboard.press("End")
    assert focused_day(page) == "2027-03-13"  # weeks start on Sunday in English
    page.keyboard.press("Home")
    assert focused_day(page) == "2027-03-07"
    page.keyboard.press("ArrowLeft")
    assert focused_day(page) == "2027-03-06"
    page.keyboard.press("ArrowUp")
    assert focused_day(page) == "2027-03-06"  # the first week: no day of this month above
    # One day in the tab order at a time: the one last moved to.
    assert page.locator('td[tabindex="0"]').count() == 1

    page.locator('td[data-day="2027-03-09"]').focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "March concert"

    page.locator('td[data-day="2027-03-09"]').focus()
    page.keyboard.press("PageDown")
    page.wait_for_url("**/month/?month=2027-04")
    assert page.get_by_role("table", name="Events in April 2027").get_by_role("link", name="April lecture").is_visible()


def test_a_visitor_registers_then_the_next_one_goes_on_the_waiting_list(browser_page, home_page):
    calendar = factories.EventIndexPageFactory(parent=home_page)
    event = factories.EventPageFactory(
        parent=calendar, title="Poetry evening", registration_enabled=True, registration_capacity=1
    )
    page = browser_page

    page.goto(event.url)
    assert page.get_by_text("1 place left.").is_visible()
    page.get_by_label("Your name").fill("Anna Ivanova")
    page.get_by_label("Your e-mail address").fill("anna@example.org")
    page.get_by_role("button", name="Register").click()
    assert page.get_by_role("status").get_by_text("your place is booked").is_visible()

    page.goto(event.url)
    assert page.get_by_text("if you register, you go on the waiting list").is_visible()
    page.get_by_label("Your name").fill("Boris Petrov")
    page.get_by_label("Your e-mail address").fill("boris@example.org")
    page.get_by_role("button", name="Join the waiting list").click()
    assert page.get_by_role("status").get_by_text("you are on the waiting list, number 1").is_visible()

    anna = Registrant.objects.get(email="anna@example.org")
    page.goto(event.url + f"registration/{anna.token}/")
    page.get_by_role("button", name="Cancel my registration").click()
    assert page.get_by_text("Your registration is cancelled.").is_visible()
    assert Registrant.objects.get(email="boris@example.org").status == "confirmed"
