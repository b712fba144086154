"""An editor makes an event repeat with the recurrence form, without writing iCalendar text."""

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from events.models import EventPage
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct horse battery staple"  # UserFactory's


def next_tuesday():
    today = timezone.localdate() + datetime.timedelta(days=14)
    return today + datetime.timedelta(days=(1 - today.weekday()) % 7)


@pytest.fixture(autouse=True)
def no_autosave(settings):
    """Wagtail's autosave creates the page while the test types; a publish racing it is refused on a loaded machine."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0


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
    # The form describes the rule as it is typed.
    page.get_by_text("Repeats every 2 weeks, on Tuesday, Thursday, 10 times.").wait_for()

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


def sign_in(page):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("olga")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", level=1).wait_for()


def in_russian(day):
    with translation.override("ru"):
        return date_format(day, "DATE_FORMAT")


def test_an_editor_leaves_out_exception_dates_and_sees_the_next_dates_in_the_pages_language(
    browser_page, moderator, home_page, translate
):
    russian_home = translate(home_page, "ru", {"title": "Главная", "slug": "home"})
    calendar = factories.EventIndexPageFactory(parent=russian_home, title="Афиша", slug="afisha")
    page = browser_page
    starts = next_tuesday()
    second, third = starts + datetime.timedelta(days=7), starts + datetime.timedelta(days=14)

    sign_in(page)
    page.goto(f"/admin/pages/{calendar.pk}/add_subpage/")
    page.locator("#id_title").fill("Разговорный клуб")
    page.locator("#id_start").fill(starts.strftime("%Y-%m-%d 19:00"))
    page.locator("#id_end").fill(starts.strftime("%Y-%m-%d 21:00"))
    page.locator("#id_summary").fill("Шесть встреч.")
    page.get_by_label("Repeats", exact=True).select_option("WEEKLY")
    page.get_by_label("After a number of times").check()
    page.get_by_label("Number of times", exact=True).fill("6")

    # The next dates, in Russian (the page's language) while the admin speaks English.
    dates = page.locator("[data-recurrence-dates] li")
    dates.first.filter(has_text=in_russian(starts)).wait_for()
    assert page.locator("[data-recurrence-dates]").get_attribute("lang") == "ru"
    assert "вторник" in dates.first.inner_text()
    assert in_russian(second) in dates.nth(1).inner_text()

    # One exception date, and another one added then removed again.
    page.get_by_label("New exception date").fill(second.isoformat())
    page.get_by_text("Repeats every week, 6 times, except").wait_for()
    dates.nth(1).filter(has_text=in_russian(third)).wait_for()
    page.get_by_role("button", name="Add an exception date").click()
    page.locator("[data-exception-list] li").last.locator("input").fill(third.isoformat())
    dates.nth(1).filter(has_text=in_russian(third + datetime.timedelta(days=7))).wait_for()
    page.locator("[data-exception-list] li").last.get_by_role("button", name="Remove this date").click()
    dates.nth(1).filter(has_text=in_russian(third)).wait_for()
    assert in_russian(second) not in page.locator("[data-recurrence-dates]").inner_text()

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("created and published").wait_for()

    event = EventPage.objects.get(title="Разговорный клуб")
    assert event.locale.language_code == "ru"
    assert event.exception_dates == [second.isoformat()]
    assert [start.date() for start in event.rule] == [starts + datetime.timedelta(days=7 * n) for n in (0, 2, 3, 4, 5)]

    # Opened again: the stored date in its input, the next dates without it.
    page.goto(f"/admin/pages/{event.pk}/edit/")
    assert page.locator("[name=exception_dates]").first.input_value() == second.isoformat()
    listed = page.locator("[data-recurrence-dates]").inner_text()
    assert in_russian(starts) in listed and in_russian(third) in listed and in_russian(second) not in listed
