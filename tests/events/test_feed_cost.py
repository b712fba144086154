"""What a feed or calendar reads does not grow with the events it lists, and the whole calendar skips the filters."""

import datetime
from http import HTTPStatus

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events import filters

pytestmark = pytest.mark.django_db

FEEDS = ["/en/events/ical/", "/en/events/feed/rss/", "/en/events/feed/atom/"]


def cold_queries(client, url):
    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return len(queries)


@pytest.mark.parametrize("url", FEEDS)
def test_a_feed_costs_the_same_queries_for_3_and_for_40_events(client, make_event, url):
    def add(count):
        for number in range(count):
            event = make_event(start=timezone.now() + datetime.timedelta(days=number + 1, hours=number % 5))
            event.tags.add(f"tag {number % 4}")
            event.save()

    add(3)
    few = cold_queries(client, url)
    add(37)
    assert cold_queries(client, url) == few


@pytest.mark.parametrize("url", FEEDS)
def test_the_whole_calendar_does_not_read_the_filter_offer(client, make_event, monkeypatch, url):
    make_event(title="Concert", category="concert")
    make_event(title="Lecture", category="lecture")
    read = []
    original = filters.read_offer
    monkeypatch.setattr(filters, "read_offer", lambda index: read.append(index) or original(index))

    assert client.get(url).status_code == HTTPStatus.OK
    assert read == []
    filtered = client.get(url, {"category": "lecture"})
    assert filtered.status_code == HTTPStatus.OK
    assert b"Lecture" in filtered.content and b"Concert" not in filtered.content
    assert len(read) == 1
    assert client.get(url, {"month": "1999-13"}).status_code == HTTPStatus.BAD_REQUEST
