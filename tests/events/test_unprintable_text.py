"""Control characters stored in a page's text never break its iCalendar, RSS or Atom output."""

from http import HTTPStatus

import feedparser
import icalendar
import pytest
from django.db import connection
from django.utils import timezone

from tests import factories
from tests.helpers import make_collection

pytestmark = pytest.mark.django_db

TITLES = [
    "Concert\r\nin the park",
    "Concert\x00 tonight",
    "Concert \x1b[31mred\x1b[0m",
    "Form\x0cfeed\x7f",
    "Tab\tand\x85",
]


def store_unchecked(page, **values):
    """Write ``values`` as they would be if stored before the editor refused them (no validation).

    PostgreSQL cannot store NUL at all: there another control character stands for it.
    """
    if connection.vendor == "postgresql":
        values = {name: value.replace("\x00", "\x01") for name, value in values.items()}
    type(page).objects.filter(pk=page.pk).update(**values)
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def unprintable_events(sections):
    events = []
    for number, title in enumerate(TITLES):
        event = factories.EventPageFactory(
            parent=sections["events"],
            slug=f"event-{number}",
            start=timezone.now() + timezone.timedelta(days=number + 1),
        )
        events.append(
            store_unchecked(
                event,
                title=title,
                summary=f"First line\r\nsecond line\x00 {title}",
                venue=f"Hall\x1b{number}",
                city="Brussels\r\n",
            )
        )
    return events


def test_an_events_own_ical_survives_control_characters(client, unprintable_events):
    for event in unprintable_events:
        response = client.get(f"{event.get_url()}ical/")

        assert response.status_code == HTTPStatus.OK, repr(event.title)
        calendar = icalendar.Calendar.from_ical(response.content)
        (component,) = calendar.walk("VEVENT")
        summary = str(component["SUMMARY"])
        assert not any(ord(char) < 32 or 0x7F <= ord(char) <= 0x9F for char in summary), repr(summary)
        assert str(component["DESCRIPTION"]).startswith("First line\nsecond line ")
        assert "\x1b" not in str(component["LOCATION"])
    first = icalendar.Calendar.from_ical(client.get(f"{unprintable_events[0].get_url()}ical/").content)
    assert str(first.walk("VEVENT")[0]["SUMMARY"]) == "Concert in the park"
    assert str(first["X-WR-CALNAME"]) == "Concert in the park"


def test_the_calendar_feed_survives_control_characters(client, unprintable_events):
    response = client.get("/en/events/ical/")

    assert response.status_code == HTTPStatus.OK
    assert len(icalendar.Calendar.from_ical(response.content).walk("VEVENT")) == len(TITLES)


@pytest.mark.parametrize("feed", ["rss", "atom"])
def test_event_feeds_survive_control_characters(client, unprintable_events, feed):
    response = client.get(f"/en/events/feed/{feed}/")

    assert response.status_code == HTTPStatus.OK
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0
    assert parsed.entries[0].title == "Concert in the park"
    assert len(parsed.entries) == len(TITLES)


@pytest.mark.parametrize("feed", ["rss", "atom"])
def test_collection_feeds_survive_control_characters(client, home_page, unprintable_events, feed):
    collection = store_unchecked(make_collection(home_page), title="Everything\x1b")

    response = client.get(f"{collection.get_url()}feed/{feed}/")

    assert response.status_code == HTTPStatus.OK
    assert feedparser.parse(response.content).bozo == 0
