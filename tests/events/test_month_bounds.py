"""The month view shows a bounded part of a busy month: a few events per day cell, the agenda in pages."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import ngettext, override

from events.month_grid import GRID_EVENTS_PER_DAY
from events.month_view import AGENDA_PER_PAGE
from tests.helpers import brussels

pytestmark = pytest.mark.django_db


def agenda_titles(response):
    return [occurrence.event.title for _day, occurrences in response.context["days"] for occurrence in occurrences]


def cell(response, day):
    return next(cell for week in response.context["weeks"] for cell in week if cell.day and cell.day.day == day)


def test_a_busy_day_lists_a_few_events_and_links_to_the_rest(client, make_event):
    for hour in range(10, 16):
        make_event(title=f"Talk at {hour}", start=brussels(2027, 3, 12, hour), hours=0.5)
    make_event(title="Quiet day", start=brussels(2027, 3, 13, 10))

    response = client.get("/en/events/month/", {"month": "2027-03", "category": "concert"})

    busy = cell(response, 12)
    assert [occurrence.event.title for occurrence in busy.shown] == ["Talk at 10", "Talk at 11"]
    assert busy.more_count == 4
    assert len(busy.shown) + 1 == GRID_EVENTS_PER_DAY  # the link takes the last line
    assert cell(response, 13).more_count == 0
    html = response.content.decode()
    link = '<a href="?month=2027-03&amp;category=concert&amp;day=2027-03-12#agenda" class="month-grid__more">4 more events</a>'
    assert link in html
    assert "Talk at 12" not in html.split('<h2 class="month-agenda__heading"')[0]

    day = client.get("/en/events/month/", {"month": "2027-03", "category": "concert", "day": "2027-03-12"})

    assert day.status_code == HTTPStatus.OK
    assert agenda_titles(day) == [f"Talk at {hour}" for hour in range(10, 16)]
    content = day.content.decode()
    assert "Agenda of Friday, March 12" in content
    assert 'href="?month=2027-03&amp;category=concert#agenda"' in content  # back to the whole month
    assert 'data-day="2027-03-12" tabindex="0"' in content


def test_the_more_link_is_translated_with_the_languages_plural_forms():
    with override("ru"):
        assert ngettext("%(counter)s more event", "%(counter)s more events", 1) % {"counter": 1} == "ещё 1 событие"
        assert ngettext("%(counter)s more event", "%(counter)s more events", 3) % {"counter": 3} == "ещё 3 события"
        assert ngettext("%(counter)s more event", "%(counter)s more events", 5) % {"counter": 5} == "ещё 5 событий"
    for language in ("nl", "fr"):
        with override(language):
            assert "more" not in ngettext("%(counter)s more event", "%(counter)s more events", 2)


def test_the_agenda_is_paged(client, make_event):
    for number in range(AGENDA_PER_PAGE + 5):
        make_event(title=f"Event {number:02}", start=brussels(2027, 3, 1 + number % 28, 19))

    first = client.get("/en/events/month/", {"month": "2027-03"})
    second = client.get("/en/events/month/", {"month": "2027-03", "page": 2})

    assert len(agenda_titles(first)) == AGENDA_PER_PAGE
    assert len(agenda_titles(second)) == 5
    assert set(agenda_titles(first)).isdisjoint(agenda_titles(second))
    assert '<a href="?month=2027-03&amp;page=2" rel="next">' in first.content.decode()
    # The grid shows the whole month on every page of the agenda.
    assert sum(len(cell.occurrences) for week in second.context["weeks"] for cell in week) == AGENDA_PER_PAGE + 5


@pytest.mark.parametrize("day", ["2027-04-01", "2027-3-12", "tomorrow", "2027-02-30", "\uff12\uff10\uff12\uff17-03-12"])
def test_a_day_outside_the_month_or_unreadable_is_not_found(client, make_event, day):
    make_event(start=brussels(2027, 3, 12, 19))

    response = client.get("/en/events/month/", {"month": "2027-03", "day": day})

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_a_busy_month_costs_the_queries_of_a_quiet_one(client, make_event):
    make_event(start=brussels(2027, 3, 12, 19), recurrence="FREQ=WEEKLY;COUNT=3")
    make_event(start=brussels(2027, 3, 13, 19))

    def month_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/en/events/month/", {"month": "2027-03"})
        assert response.status_code == HTTPStatus.OK
        return len(queries)

    month_queries()  # the filter offer and the site's roots are kept from here on
    quiet = month_queries()
    for number in range(60):
        make_event(
            start=brussels(2027, 3, 1 + number % 28, 8 + number % 12),
            recurrence="FREQ=DAILY;COUNT=2" if number % 7 == 0 else "",
        )
    month_queries()
    assert month_queries() == quiet
