"""The calendar views of the events index: lists, filters, month view, privacy."""

import datetime
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import factories
from tests.helpers import brussels, restrict_to_logged_in_users

pytestmark = pytest.mark.django_db


def titles(response):
    return [event.title for event in response.context["events"]]


def month_titles(response):
    return [occurrence.event.title for _day, occurrences in response.context["days"] for occurrence in occurrences]


def days_from_now(days):
    return timezone.now() + datetime.timedelta(days=days)


def test_index_lists_upcoming_events_by_date_then_past_ones_most_recent_first(client, make_event):
    make_event(title="Long ago", start=days_from_now(-60))
    make_event(title="Later", start=days_from_now(20))
    make_event(title="Last week", start=days_from_now(-7))
    make_event(title="Soon", start=days_from_now(2))

    response = client.get("/en/events/")

    assert response.status_code == HTTPStatus.OK
    assert titles(response) == ["Soon", "Later", "Last week", "Long ago"]
    assert response.templates[0].name == "events/event_index_page.html"


def test_upcoming_and_past_views(client, make_event):
    make_event(title="Past", start=days_from_now(-3))
    make_event(title="Coming", start=days_from_now(3))

    assert titles(client.get("/en/events/upcoming/")) == ["Coming"]
    assert titles(client.get("/en/events/past/")) == ["Past"]


def test_a_recurring_event_that_started_long_ago_is_still_upcoming(client, make_event):
    make_event(title="Weekly course", start=days_from_now(-70), recurrence="FREQ=WEEKLY")

    assert titles(client.get("/en/events/upcoming/")) == ["Weekly course"]
    assert titles(client.get("/en/events/past/")) == []


def test_filters_by_category_organiser_and_city(client, make_event, sections):
    fund = factories.OrganisationPageFactory(parent=sections["organisations"], title="Pushkin Fund")
    concert = make_event(title="Concert in Brussels", category="concert", city="Brussels")
    make_event(title="Lecture in Liège", category="lecture", city="Liège")
    factories.EventOrganiserFactory(event=concert, organisation=fund)

    assert titles(client.get("/en/events/", {"category": "concert"})) == ["Concert in Brussels"]
    assert titles(client.get("/en/events/", {"city": "Liège"})) == ["Lecture in Liège"]
    assert titles(client.get("/en/events/", {"organiser": fund.pk})) == ["Concert in Brussels"]
    assert titles(client.get("/en/events/", {"category": "lecture", "city": "Brussels"})) == []


def test_bad_filter_values_are_ignored(client, make_event):
    make_event(title="Concert")

    for query in (
        {"category": "rave"},
        {"organiser": "not-a-number"},
        {"organiser": "999999"},
        {"city": "Atlantis"},
        {"page": "last-but-one"},
    ):
        response = client.get("/en/events/", query)
        assert response.status_code == HTTPStatus.OK, query
        assert titles(response) == ["Concert"], query


def test_a_bad_month_is_refused_with_the_reason_not_ignored(client, make_event):
    make_event(title="Concert")

    for month in ("2027-13", "yesterday"):
        response = client.get("/en/events/", {"month": month})
        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert titles(response) == []
        assert "Give the month as YYYY-MM" in response.content.decode()


def test_month_filter_on_the_list(client, make_event):
    make_event(title="March", start=brussels(2027, 3, 10, 19))
    make_event(title="April", start=brussels(2027, 4, 2, 19))

    assert titles(client.get("/en/events/", {"month": "2027-03"})) == ["March"]


def test_month_view_shows_the_month_with_previous_and_next_links(client, make_event):
    make_event(title="First of March", start=brussels(2027, 3, 1, 10))
    make_event(title="End of February", start=brussels(2027, 2, 28, 23, 0), hours=0.5)
    make_event(title="April", start=brussels(2027, 4, 1, 0, 30))

    response = client.get("/en/events/month/", {"month": "2027-03"})

    assert response.status_code == HTTPStatus.OK
    assert month_titles(response) == ["First of March"]
    assert response.context["previous_month"] == "2027-02"
    assert response.context["next_month"] == "2027-04"
    content = response.content.decode()
    assert "?month=2027-02" in content
    assert "?month=2027-04" in content
    assert "March 2027" in content


def test_month_view_days_follow_the_site_time_zone_and_times_the_events_own(client, make_event):
    # 23:30 UTC on 31 March is already 1 April in Brussels.
    make_event(title="Late", start=datetime.datetime(2027, 3, 31, 23, 30, tzinfo=datetime.UTC), hours=1)
    make_event(title="In Moscow", start=brussels(2027, 3, 5, 17), time_zone="Europe/Moscow")

    march = client.get("/en/events/month/", {"month": "2027-03"})
    april = client.get("/en/events/month/", {"month": "2027-04"})

    assert month_titles(march) == ["In Moscow"]
    assert month_titles(april) == ["Late"]
    # 17:00 in Brussels is 19:00 in Moscow, shown with the zone's name.
    assert "19:00" in march.content.decode()
    assert "MSK" in march.content.decode()


def test_month_view_without_a_month_shows_the_current_month_and_refuses_a_bad_one(client, calendar):
    response = client.get("/en/events/month/")
    assert response.status_code == HTTPStatus.OK
    assert response.context["month"] == timezone.localdate().replace(day=1)

    for month in ("2027-00", "<script>"):
        response = client.get("/en/events/month/", {"month": month})
        assert response.status_code == HTTPStatus.BAD_REQUEST
        assert "<script>" not in response.content.decode()


def test_month_view_honours_the_filters(client, make_event):
    make_event(title="Concert", category="concert", start=brussels(2027, 3, 10, 19))
    make_event(title="Lecture", category="lecture", start=brussels(2027, 3, 11, 19))

    response = client.get("/en/events/month/", {"month": "2027-03", "category": "lecture"})

    assert month_titles(response) == ["Lecture"]
    assert "category=lecture" in response.context["request"].get_full_path()


def test_listing_is_paginated(client, make_event):
    for day in range(15):
        make_event(start=days_from_now(day + 1))

    first = client.get("/en/events/")
    second = client.get("/en/events/", {"page": 2})

    assert len(titles(first)) == 12
    assert len(titles(second)) == 3
    assert 'rel="next"' in first.content.decode()


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return len(queries)


@pytest.mark.parametrize("url", ["/en/events/", "/en/events/month/?month=2027-03"])
def test_listings_run_a_fixed_number_of_queries(client, make_event, sections, url):
    organisers = [factories.OrganisationPageFactory(parent=sections["organisations"]) for _ in range(3)]

    def add_events(count):
        for number in range(count):
            event = make_event(
                start=brussels(2027, 3, 1 + number % 28, 19), recurrence="FREQ=WEEKLY;COUNT=2" if number % 2 else ""
            )
            factories.EventOrganiserFactory(event=event, organisation=organisers[number % 3])

    def cold_queries():
        client.get(url)  # imports, templates
        cache.clear()  # what the content cache keeps is counted too: built from five events, then fifty
        return count_queries(client, url)

    add_events(5)
    with_five = cold_queries()
    add_events(45)
    with_fifty = cold_queries()

    assert with_five == with_fifty


def test_drafts_private_and_other_site_events_never_appear(client, make_event, other_site_calendar):
    make_event(title="Public", start=brussels(2027, 3, 3, 19))
    make_event(title="Draft", start=brussels(2027, 3, 4, 19), live=False)
    restrict_to_logged_in_users(make_event(title="Members only", start=brussels(2027, 3, 5, 19)))
    make_event(title="Elsewhere", start=brussels(2027, 3, 6, 19), parent=other_site_calendar)

    assert titles(client.get("/en/events/")) == ["Public"]
    assert titles(client.get("/en/events/upcoming/")) == ["Public"]
    assert month_titles(client.get("/en/events/month/", {"month": "2027-03"})) == ["Public"]


def test_event_page_shows_dates_place_organisers_and_calendar_link(client, make_event, sections):
    fund = factories.OrganisationPageFactory(parent=sections["organisations"], title="Pushkin Fund")
    event = make_event(
        title="Pushkin evening", start=brussels(2027, 3, 10, 19), venue="Town hall", city="Uccle", country="BE"
    )
    factories.EventOrganiserFactory(event=event, organisation=fund)

    response = client.get(event.get_url())

    content = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Town hall" in content
    assert "Belgium" in content
    assert "19:00" in content
    assert 'href="/en/organisations/pushkin-fund/"' in content
    assert 'type="text/calendar"' in content
    assert f'href="{event.get_url()}ical/"' in content


def test_index_links_its_feeds(client, calendar):
    content = client.get("/en/events/", {"category": "concert", "page": 1}).content.decode()

    assert '<link rel="alternate" type="text/calendar"' in content
    assert 'href="/en/events/ical/?category=concert"' in content
    assert '<link rel="alternate" type="application/rss+xml"' in content
