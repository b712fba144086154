"""The month grid beside the agenda, and the iCalendar subscriptions per filter."""

import datetime
from http import HTTPStatus

import icalendar
import pytest
from django.utils import timezone
from django.utils.translation import override

from events.month_grid import first_weekday, month_weeks, weekday_names
from tests import factories
from tests.helpers import brussels, restrict_to_logged_in_users

pytestmark = pytest.mark.django_db


def grid_titles(response):
    """{day of month: [titles]} as the grid shows them."""
    return {
        cell.day.day: [occurrence.event.title for occurrence in cell.occurrences]
        for week in response.context["weeks"]
        for cell in week
        if cell.day and cell.occurrences
    }


def test_weeks_start_on_the_languages_first_day():
    march = datetime.date(2027, 3, 1)  # a Monday
    with override("en"):
        assert first_weekday() == 6  # Sunday
        weeks = month_weeks(march, {})
        assert weekday_names()[0] == ("Sunday", "Sun")
    assert weeks[0][0].day is None and weeks[0][1].day == march
    with override("nl"):
        assert month_weeks(march, {})[0][0].day == march
        assert weekday_names()[0][0] == "maandag"
    with override("ru"):
        assert first_weekday() == 0


def test_every_day_of_the_month_is_one_cell_and_other_months_are_empty():
    weeks = month_weeks(datetime.date(2027, 2, 1), {})

    days = [cell.day for week in weeks for cell in week if cell.day]
    assert all(len(week) == 7 for week in weeks)
    assert days == [datetime.date(2027, 2, day) for day in range(1, 29)]


def test_the_grid_links_each_days_events(client, make_event):
    concert = make_event(title="March concert", start=brussels(2027, 3, 12, 20))
    make_event(title="Course", start=brussels(2027, 3, 2, 19), recurrence="FREQ=WEEKLY;COUNT=3")

    response = client.get("/en/events/month/", {"month": "2027-03"})

    assert response.status_code == HTTPStatus.OK
    assert grid_titles(response) == {2: ["Course"], 9: ["Course"], 12: ["March concert"], 16: ["Course"]}
    html = response.content.decode()
    assert '<table class="month-grid" data-month-grid>' in html
    assert html.count(f'href="{concert.url}"') == 2  # the grid and the agenda
    assert '<th scope="col"><abbr title="Sunday">Sun</abbr></th>' in html
    assert "js/month-grid.js" in html
    # Keyboard navigation starts from one day in the tab order: the 1st when today is another month.
    assert html.count('tabindex="0"') == 1
    assert 'data-day="2027-03-01" tabindex="0"' in html


def test_today_is_marked_and_takes_the_focus(client, calendar):
    today = timezone.localdate()

    html = client.get("/en/events/month/").content.decode()

    assert f'data-day="{today:%Y-%m-%d}" tabindex="0" aria-current="date"' in html


def test_an_event_over_several_days_is_in_each_of_its_days(client, make_event):
    make_event(title="Festival", start=brussels(2027, 3, 30, 10), hours=24 * 3)  # to 2 April, 10:00
    make_event(title="Night concert", start=brussels(2027, 3, 12, 21), hours=3)  # to midnight
    make_event(title="Late party", start=brussels(2027, 3, 13, 22), hours=4)  # to 2:00 the next day

    march = client.get("/en/events/month/", {"month": "2027-03"})
    april = client.get("/en/events/month/", {"month": "2027-04"})

    assert grid_titles(march) == {
        12: ["Night concert"],
        13: ["Late party"],
        14: ["Late party"],
        30: ["Festival"],
        31: ["Festival"],
    }
    assert grid_titles(april) == {1: ["Festival"], 2: ["Festival"]}
    # The agenda lists each once, on the day it starts (in April: the 1st).
    agenda = [
        (day.day, occurrence.event.title) for day, occurrences in march.context["days"] for occurrence in occurrences
    ]
    assert agenda == [(12, "Night concert"), (13, "Late party"), (30, "Festival")]


def test_nothing_hidden_appears_in_the_grid(client, make_event, other_site_calendar):
    make_event(title="Shown", start=brussels(2027, 3, 3, 19))
    make_event(title="Draft", start=brussels(2027, 3, 4, 19), live=False)
    make_event(title="Expired", start=brussels(2027, 3, 5, 19), expire_at=timezone.now() - datetime.timedelta(hours=1))
    restrict_to_logged_in_users(make_event(title="Members only", start=brussels(2027, 3, 6, 19)))
    factories.EventPageFactory(parent=other_site_calendar, title="Elsewhere", start=brussels(2027, 3, 7, 19))

    response = client.get("/en/events/month/", {"month": "2027-03"})

    assert grid_titles(response) == {3: ["Shown"]}
    html = response.content.decode()
    for title in ("Draft", "Expired", "Members only", "Elsewhere"):
        assert title not in html


def test_the_grid_follows_the_filters(client, make_event):
    make_event(title="Concert", start=brussels(2027, 3, 3, 19), category="concert")
    make_event(title="Lecture", start=brussels(2027, 3, 4, 19), category="lecture")

    response = client.get("/en/events/month/", {"month": "2027-03", "category": "lecture"})

    assert grid_titles(response) == {4: ["Lecture"]}


def ical_summaries(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    return sorted(str(component["summary"]) for component in calendar.walk("VEVENT"))


def test_the_index_offers_a_subscription_per_category_organiser_and_city(client, calendar, make_event, sections):
    organisation = factories.OrganisationPageFactory(parent=sections["organisations"], title="Pushkin Club")
    in_ghent = make_event(title="Ghent lecture", category="lecture", city="Ghent")
    factories.EventOrganiserFactory(event=in_ghent, organisation=organisation)
    make_event(title="Brussels concert", category="concert", city="Brussels")

    html = client.get(calendar.url).content.decode()

    ical = calendar.url + "ical/"
    assert f'href="{ical}?category=lecture" type="text/calendar"' in html
    assert f'href="{ical}?organiser={organisation.pk}" type="text/calendar"' in html
    assert f'href="{ical}?city=Ghent" type="text/calendar"' in html
    assert ical_summaries(client.get(ical, {"category": "lecture"})) == ["Ghent lecture"]
    assert ical_summaries(client.get(ical, {"organiser": organisation.pk})) == ["Ghent lecture"]
    assert ical_summaries(client.get(ical, {"city": "Brussels"})) == ["Brussels concert"]


def test_no_subscription_names_a_hidden_organiser(client, calendar, make_event, sections):
    hidden = factories.OrganisationPageFactory(parent=sections["organisations"], title="Secret society", live=False)
    event = make_event(title="Gathering")
    factories.EventOrganiserFactory(event=event, organisation=hidden)

    html = client.get(calendar.url).content.decode()

    assert "Secret society" not in html
    assert f"?organiser={hidden.pk}" not in html
