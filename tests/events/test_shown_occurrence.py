"""Every surface dates and orders a recurring event by its next occurrence, not its first."""

import datetime

import feedparser
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.utils import timezone
from django.utils.formats import date_format

from events.models import EventPage
from tests import factories
from tests.helpers import BRUSSELS, make_collection

pytestmark = pytest.mark.django_db


def at_seven_pm(days_from_today):
    day = timezone.localdate() + datetime.timedelta(days=days_from_today)
    return datetime.datetime.combine(day, datetime.time(19), tzinfo=BRUSSELS)


@pytest.fixture
def weekly_and_one_offs(make_event):
    """A weekly course begun about five years ago whose next session is in three days, between two concerts."""
    make_event(title="Concert tomorrow", start=at_seven_pm(1))
    course = make_event(title="Weekly course", start=at_seven_pm(3 - 7 * 52 * 5), recurrence="FREQ=WEEKLY")
    make_event(title="Concert in five days", start=at_seven_pm(5))
    return course


EXPECTED_ORDER = ["Concert tomorrow", "Weekly course", "Concert in five days"]


def shown_date(course):
    return date_format(at_seven_pm(3).date(), "DATE_FORMAT")


def first_date(course):
    return date_format(course.local_start.date(), "DATE_FORMAT")


def test_the_rule_gives_the_next_session(weekly_and_one_offs):
    course = weekly_and_one_offs
    assert course.next_occurrence().start == at_seven_pm(3)
    assert course.occurrence_to_show().start == at_seven_pm(3)


def test_home_page(client, weekly_and_one_offs):
    response = client.get("/en/")

    content = response.content.decode()
    assert [event.title for event in response.context["upcoming_events"]] == EXPECTED_ORDER
    assert shown_date(weekly_and_one_offs) in content
    assert first_date(weekly_and_one_offs) not in content


@pytest.mark.parametrize("url", ["/en/events/", "/en/events/upcoming/"])
def test_calendar_lists(client, weekly_and_one_offs, url):
    response = client.get(url)

    assert [event.title for event in response.context["events"]] == EXPECTED_ORDER
    assert shown_date(weekly_and_one_offs) in response.content.decode()
    assert first_date(weekly_and_one_offs) not in response.content.decode()


def test_a_month_filter_shows_the_occurrence_in_that_month(client, weekly_and_one_offs):
    month = (timezone.localdate() + datetime.timedelta(days=70)).replace(day=1)

    response = client.get("/en/events/", {"month": month.strftime("%Y-%m")})

    (course,) = response.context["events"]
    assert course.shown_occurrence.start.date().replace(day=1) == month


@pytest.mark.parametrize("window", ["all", "upcoming", "next_30_days"])
def test_collection(client, home_page, weekly_and_one_offs, window):
    collection = make_collection(
        home_page, page_types=[ContentType.objects.get_for_model(EventPage)], date_window=window
    )

    response = client.get(collection.get_url())

    assert [item.title for item in response.context["items"]] == EXPECTED_ORDER
    assert shown_date(weekly_and_one_offs) in response.content.decode()
    rss = feedparser.parse(client.get(f"{collection.get_url()}feed/rss/").content)
    assert [entry.title for entry in rss.entries] == EXPECTED_ORDER


def test_a_finished_course_is_dated_by_its_last_session_among_past_events(client, make_event):
    make_event(title="Concert last week", start=at_seven_pm(-7))
    make_event(title="Course", start=at_seven_pm(-7 * 30), recurrence="FREQ=WEEKLY;COUNT=28")  # last: 3 weeks ago
    make_event(title="Concert a month ago", start=at_seven_pm(-30))

    response = client.get("/en/events/past/")

    assert [event.title for event in response.context["events"]] == [
        "Concert last week",
        "Course",
        "Concert a month ago",
    ]
    assert date_format(at_seven_pm(-21).date(), "DATE_FORMAT") in response.content.decode()


@pytest.mark.parametrize("feed", ["rss", "atom"])
def test_event_feeds(client, weekly_and_one_offs, feed):
    parsed = feedparser.parse(client.get(f"/en/events/feed/{feed}/").content)

    assert [entry.title for entry in parsed.entries] == EXPECTED_ORDER
    course_entry = parsed.entries[1]
    assert date_format(at_seven_pm(3), "DATETIME_FORMAT") in course_entry.summary


def test_organisation_page_dates_its_events_by_the_next_session(client, sections, weekly_and_one_offs):
    fund = factories.OrganisationPageFactory(parent=sections["organisations"], title="Fund")
    factories.EventOrganiserFactory(event=weekly_and_one_offs, organisation=fund)

    content = client.get(fund.get_url()).content.decode()

    assert shown_date(weekly_and_one_offs) in content
    assert first_date(weekly_and_one_offs) not in content


def test_listings_compute_occurrences_with_a_fixed_number_of_queries(client, make_event, django_assert_max_num_queries):
    for number in range(10):
        make_event(start=at_seven_pm(number - 7 * 52), recurrence="FREQ=WEEKLY")
    client.get("/en/events/upcoming/")
    cache.clear()  # cold both times: the content cache keeps what ten events built
    with django_assert_max_num_queries(40) as few:
        client.get("/en/events/upcoming/")
    with_ten = len(few.captured_queries)  # read now: the next request starts a new query log
    for number in range(10):
        make_event(start=at_seven_pm(number - 7 * 52), recurrence="FREQ=WEEKLY")
    client.get("/en/events/upcoming/")
    cache.clear()
    with django_assert_max_num_queries(with_ten):
        client.get("/en/events/upcoming/")
