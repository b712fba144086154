"""Feeds and calendars serve a window of time, are built once per change, and answer 304."""

import datetime
from http import HTTPStatus

import feedparser
import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.windows import DAYS_AHEAD, DAYS_BACK, MAX_DAYS_AHEAD
from tests import factories

pytestmark = pytest.mark.django_db


def days_from_now(days):
    return timezone.now() + datetime.timedelta(days=days)


@pytest.fixture
def calendar(sections):
    return sections["events"]


@pytest.fixture
def events_over_the_years(calendar):
    """Events long past, just past, coming, a year and more ahead, and a weekly course that began long ago."""
    for title, days in [
        ("Ten months ago", -300),
        ("Last week", -7),
        ("Next week", 7),
        ("In eleven months", 330),
        ("In two years", 730),
    ]:
        factories.EventPageFactory(parent=calendar, title=title, start=days_from_now(days))
    factories.EventPageFactory(
        parent=calendar, title="Weekly course", start=days_from_now(-700), recurrence="FREQ=WEEKLY"
    )


def ical_titles(response):
    assert response.status_code == HTTPStatus.OK
    return sorted(str(event["SUMMARY"]) for event in icalendar.Calendar.from_ical(response.content).walk("VEVENT"))


def feed_titles(response):
    assert response.status_code == HTTPStatus.OK
    return sorted(entry.title for entry in feedparser.parse(response.content).entries)


def test_ical_holds_the_past_month_and_the_coming_year_by_default(client, events_over_the_years):
    assert (DAYS_BACK, DAYS_AHEAD) == (30, 365)

    assert ical_titles(client.get("/en/events/ical/")) == [
        "In eleven months",
        "Last week",
        "Next week",
        "Weekly course",
    ]


def test_a_wider_window_is_asked_for_by_parameters(client, events_over_the_years):
    titles = ical_titles(client.get("/en/events/ical/", {"days_back": 366, "days_ahead": 800}))

    assert titles == ["In eleven months", "In two years", "Last week", "Next week", "Ten months ago", "Weekly course"]


def test_rss_and_atom_list_the_coming_events_of_the_window(client, events_over_the_years):
    assert feed_titles(client.get("/en/events/feed/rss/")) == ["In eleven months", "Next week", "Weekly course"]
    assert feed_titles(client.get("/en/events/feed/atom/", {"days_ahead": 10})) == ["Next week", "Weekly course"]


def test_a_month_filter_replaces_the_window(client, calendar):
    factories.EventPageFactory(parent=calendar, title="Far ahead", start=days_from_now(600))
    month = timezone.localtime(days_from_now(600)).strftime("%Y-%m")

    assert ical_titles(client.get("/en/events/ical/", {"month": month})) == ["Far ahead"]
    assert feed_titles(client.get("/en/events/feed/rss/", {"month": month})) == ["Far ahead"]


@pytest.mark.parametrize("url", ["/en/events/ical/", "/en/events/feed/rss/", "/en/events/feed/atom/"])
@pytest.mark.parametrize(
    "query",
    [
        {"days_back": "-1"},
        {"days_back": "many"},
        {"days_ahead": str(MAX_DAYS_AHEAD + 1)},
        {"days_ahead": "99999999999999999999999999"},
        {"days_ahead": "١٢"},  # Arabic-Indic digits
        {"days_ahead": "1e3"},
    ],
)
def test_a_window_beyond_the_maximum_or_not_a_number_is_refused(client, calendar, url, query):
    response = client.get(url, query)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response["Content-Type"].startswith("text/plain")
    assert "whole number of days" in response.content.decode()


@pytest.mark.parametrize("url", ["/en/events/ical/", "/en/events/feed/rss/", "/en/events/feed/atom/"])
def test_a_reader_with_the_current_version_gets_304_without_a_query(client, calendar, url):
    factories.EventPageFactory(parent=calendar, title="Concert", start=days_from_now(3))
    first = client.get(url)
    assert first.status_code == HTTPStatus.OK
    assert first["ETag"] and first["Last-Modified"]

    with CaptureQueriesContext(connection) as by_etag:
        not_modified = client.get(url, headers={"if-none-match": first["ETag"]})
    by_date = client.get(url, headers={"if-modified-since": first["Last-Modified"]})

    assert not_modified.status_code == HTTPStatus.NOT_MODIFIED
    assert not_modified.content == b""
    assert not_modified["ETag"] == first["ETag"]
    assert by_date.status_code == HTTPStatus.NOT_MODIFIED
    # Only what finds the page and its calendar route; nothing of the feed is read or rendered.
    assert not any("events_eventpage" in query["sql"] for query in by_etag.captured_queries)


def test_a_published_change_gives_a_new_version_at_once(client, calendar):
    factories.EventPageFactory(parent=calendar, title="Concert", start=days_from_now(3))
    first = client.get("/en/events/ical/")
    assert client.get("/en/events/ical/")["ETag"] == first["ETag"]

    lecture = factories.EventPageFactory(parent=calendar, title="Lecture", start=days_from_now(4), live=False)
    lecture.save_revision().publish()
    again = client.get("/en/events/ical/", headers={"if-none-match": first["ETag"]})

    assert again.status_code == HTTPStatus.OK
    assert again["ETag"] != first["ETag"]
    assert ical_titles(again) == ["Concert", "Lecture"]

    lecture.refresh_from_db()
    lecture.unpublish()
    assert ical_titles(client.get("/en/events/ical/")) == ["Concert"]


def test_the_cached_feed_is_served_without_building_it_again(client, calendar):
    factories.EventPageFactory(parent=calendar, title="Concert", start=days_from_now(3))
    first = client.get("/en/events/ical/")

    with CaptureQueriesContext(connection) as queries:
        second = client.get("/en/events/ical/")

    assert second.content == first.content
    assert second["Content-Type"].startswith("text/calendar")
    assert "attachment" in second["Content-Disposition"]
    assert not any("events_eventpage" in query["sql"] for query in queries.captured_queries)
