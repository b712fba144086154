"""RSS and Atom feeds of the events calendar, parsed back with feedparser."""

import datetime
from http import HTTPStatus

import feedparser
import pytest
from django.utils import timezone

from localisation.translation import translate_page
from tests import factories
from tests.helpers import restrict_to_logged_in_users

pytestmark = pytest.mark.django_db


def soon(days):
    return timezone.now() + datetime.timedelta(days=days)


def fetch(client, url, **query):
    response = client.get(url, query)
    assert response.status_code == HTTPStatus.OK
    return feedparser.parse(response.content)


@pytest.fixture
def calendar(sections):
    return sections["events"]


def test_rss_lists_upcoming_public_events_of_this_site_only(client, calendar):
    factories.EventPageFactory(parent=calendar, title="Concert", start=soon(3), category="concert")
    factories.EventPageFactory(parent=calendar, title="Lecture", start=soon(1), category="lecture")
    factories.EventPageFactory(parent=calendar, title="Over", start=soon(-5))
    factories.EventPageFactory(parent=calendar, title="Draft", start=soon(2), live=False)
    restrict_to_logged_in_users(factories.EventPageFactory(parent=calendar, title="Members only", start=soon(2)))

    feed = fetch(client, "/en/events/feed/rss/")

    assert feed.bozo == 0
    assert feed.version == "rss20"
    assert feed.feed.title == "Events"
    assert feed.feed.language == "en"
    assert [entry.title for entry in feed.entries] == ["Lecture", "Concert"]
    assert feed.entries[0].link.endswith("/en/events/lecture/")
    assert "Concert" in [tag.term for tag in feed.entries[1].tags]


def test_feeds_honour_the_calendar_filters(client, calendar):
    factories.EventPageFactory(parent=calendar, title="Concert", start=soon(3), category="concert")
    factories.EventPageFactory(parent=calendar, title="Lecture", start=soon(1), category="lecture")

    assert [e.title for e in fetch(client, "/en/events/feed/rss/", category="concert").entries] == ["Concert"]
    assert [e.title for e in fetch(client, "/en/events/feed/atom/", category="nonsense").entries] == [
        "Lecture",
        "Concert",
    ]


def test_atom_feed(client, calendar):
    factories.EventPageFactory(parent=calendar, title="Concert", start=soon(3))

    feed = fetch(client, "/en/events/feed/atom/")

    assert feed.version == "atom10"
    assert [entry.title for entry in feed.entries] == ["Concert"]
    assert feed.entries[0].id.endswith("-en@localhost")


def test_each_language_has_its_own_feed(client, home_page, calendar):
    event = factories.EventPageFactory(parent=calendar, title="Concert", start=soon(3))
    translate_page(home_page, "nl", {"title": "Thuis"})
    translate_page(calendar, "nl", {"title": "Agenda", "slug": "agenda"})
    translate_page(event, "nl", {"title": "Concert in het Nederlands", "slug": "concert"})

    dutch = fetch(client, "/nl/agenda/feed/rss/")

    assert dutch.feed.language == "nl"
    assert [entry.title for entry in dutch.entries] == ["Concert in het Nederlands"]
    assert dutch.entries[0].link.endswith("/nl/agenda/concert/")
