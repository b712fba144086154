"""The events' feeds written item by item equal what Django's syndication framework writes, byte for byte.

The reference is the framework path ``events.feeds`` replaced
(tests/helpers/feed_reference.py), asked the same request with the caches
cleared: RSS and Atom in the four languages, the whole calendar and each
filter and window, over titles, places, summaries and tags with Cyrillic,
``&``, ``<``, ``>`` and both quotes, times at midnight, noon and with minutes,
zones and offsets, a recurring event and events without place or summary.
"""

import datetime
from http import HTTPStatus

import feedparser
import pytest
from django.contrib.syndication.views import add_domain
from django.core.cache import caches
from django.utils import timezone, translation
from django.utils.encoding import iri_to_uri

from core.date_formats import KeptDateFormat
from core.feed_items import UNESCAPED, ItemLinks, element, escape, quote_attribute
from events import feeds
from events.models import EventPage
from localisation.translation import translate_page
from tests.helpers import brussels
from tests.helpers.feed_reference import ReferenceAtomFeed, ReferenceRssFeed

pytestmark = pytest.mark.django_db

MARKUP = "Вечер «Пушкин & Co» <b>\"жёлтый\"</b> 'ёлка' > все"
PUBLISHED = datetime.datetime(2026, 11, 5, 8, 30, 15, 123456, tzinfo=datetime.UTC)
UPDATED = datetime.datetime(2026, 11, 20, 17, 0, tzinfo=datetime.UTC)
CALENDARS = {"en": "/en/events/", "nl": "/nl/agenda/", "fr": "/fr/agenda/", "ru": "/ru/agenda/"}


def first_day():
    """A Brussels midnight ten days ahead: the events' times are then exactly midnight, noon..."""
    today = timezone.localdate()
    day = today + datetime.timedelta(days=10)
    return brussels(day.year, day.month, day.day, 0)


@pytest.fixture
def feed_events(home_page, calendar, make_event):
    day = first_day()
    events = [
        make_event(
            title=MARKUP,
            slug="пушкин",
            start=day,
            summary="Первая строка & <вторая>\n\n\"третья\" 'четвёртая'",
            venue="Зал «Москва» & <друзья>",
            city='Gent & "Ghent"',
            category="lecture",
        ),
        make_event(title="Noon & after", slug="noon", start=day + datetime.timedelta(days=1, hours=12), summary=""),
        make_event(title="Half past one", start=day + datetime.timedelta(days=2, hours=13, minutes=30), venue=""),
        make_event(title="Five past nine", start=day + datetime.timedelta(days=3, hours=9, minutes=5), city=""),
        make_event(title="Weekly course", start=day - datetime.timedelta(days=30, hours=-19), recurrence="FREQ=WEEKLY"),
        make_event(title="Moscow time", start=day + datetime.timedelta(days=4, hours=17), time_zone="+03:00"),
        make_event(title="In Moscow", start=day + datetime.timedelta(days=5, hours=8), time_zone="Europe/Moscow"),
        make_event(title="Bare", start=day + datetime.timedelta(days=6), venue="", city="", summary=""),
        make_event(title="Far ahead", start=day + datetime.timedelta(days=500)),
        make_event(title="Over", start=day - datetime.timedelta(days=40)),
    ]
    for tag in ("a & b", "<tag>", 'say "hi"', "it's", "both \"and'", "Тег"):
        events[0].tags.add(tag)
    events[0].save_revision().publish()
    events[1].tags.add("Тег")
    events[1].save_revision().publish()
    for language in ("nl", "fr", "ru"):
        translate_page(home_page, language, {"title": f"Home {language}"})
        translate_page(calendar, language, {"title": f"Agenda {language} & <co>", "slug": "agenda"})
        for event in events[:8]:
            translate_page(event, language, {"title": f"{event.title} ({language})", "slug": event.slug})
    # Dates as stored, so that the channel's date (the latest item's) is the same for both; none for one event.
    EventPage.objects.update(first_published_at=PUBLISHED, last_published_at=UPDATED)
    EventPage.objects.filter(translation_key=events[7].translation_key).update(
        first_published_at=None, last_published_at=None
    )
    return events


def written_and_reference(client, monkeypatch, url, query):
    for cache in caches.all():
        cache.clear()
    written = client.get(url, query)
    with monkeypatch.context() as patch:
        patch.setattr(feeds, "EventsRssFeed", ReferenceRssFeed)
        patch.setattr(feeds, "EventsAtomFeed", ReferenceAtomFeed)
        for cache in caches.all():
            cache.clear()
        reference = client.get(url, query)
    return written, reference


@pytest.mark.parametrize("language", CALENDARS)
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_each_feed_equals_the_frameworks_byte_for_byte(client, monkeypatch, feed_events, language, kind):
    url = f"{CALENDARS[language]}feed/{kind}/"
    month = first_day().strftime("%Y-%m")
    queries = [
        {},
        {"category": "lecture"},
        {"category": "concert"},
        {"city": 'Gent & "Ghent"'},
        {"month": month},
        {"days_ahead": "1000"},
        {"days_back": "60", "days_ahead": "7"},
    ]
    for query in queries:
        written, reference = written_and_reference(client, monkeypatch, url, query)

        assert written.status_code == reference.status_code == HTTPStatus.OK, query
        assert written.content == reference.content, query
        assert written["Content-Type"] == reference["Content-Type"]
        assert b"<item>" in written.content or b"<entry>" in written.content, query
    whole, _reference = written_and_reference(client, monkeypatch, url, {})
    parsed = feedparser.parse(whole.content)
    assert parsed.bozo == 0
    assert len(parsed.entries) == 8
    if language == "en":
        first = next(entry for entry in parsed.entries if entry.title == MARKUP)
        assert first.title == MARKUP
        assert [tag.term for tag in first.tags] == [
            "Lecture",
            "<tag>",
            "a & b",
            "both \"and'",
            "it's",
            'say "hi"',
            "Тег",
        ]
        assert 'Зал «Москва» & <друзья>, Gent & "Ghent"' in first.summary


def test_a_feed_written_by_hand_still_answers_304_and_refuses_bad_parameters(client, feed_events):
    response = client.get("/en/events/feed/atom/")
    assert response.status_code == HTTPStatus.OK

    again = client.get("/en/events/feed/atom/", HTTP_IF_NONE_MATCH=response["ETag"])

    assert again.status_code == HTTPStatus.NOT_MODIFIED
    assert client.get("/en/events/feed/rss/", {"days_ahead": "forever"}).status_code == HTTPStatus.BAD_REQUEST
    assert client.get("/en/events/feed/rss/", {"month": "2027-13"}).status_code == HTTPStatus.BAD_REQUEST


def test_escaping_equals_the_sax_writers():
    from io import StringIO

    from django.utils.xmlutils import SimplerXMLGenerator

    for text in ["", "plain", "a & b < c > d", 'say "hi"', "it's", "both \"and'", "line\nbreak\r\tab", "ёж"]:
        out = StringIO()
        handler = SimplerXMLGenerator(out, "utf-8", short_empty_elements=True)
        handler.addQuickElement("category", text)
        handler.addQuickElement("category", "", {"term": text})
        assert out.getvalue() == element("category", text) + f"<category term={quote_attribute(text)}/>"
        assert escape(text) == text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def test_links_equal_the_frameworks():
    paths = ["/en/events/concert/", "/ru/%D0%B0%D1%84%D0%B8%D1%88%D0%B0/", "/ru/афиша/", "/a b/<c>/", "/x?y=1&z=2#f"]
    others = ["//cdn.example.org/a", "http://example.org/é", "https://example.org/", "mailto:a@example.org", "rel/x"]
    for domain in ("testserver", "пример.рф", "example.org:8000"):
        for secure in (False, True):
            links = ItemLinks(domain, secure)
            for url in paths + others:
                assert links(url) == iri_to_uri(add_domain(domain, url, secure)), url
    for code in range(0x2FF):
        assert bool(UNESCAPED.fullmatch(chr(code))) == (iri_to_uri(chr(code)) == chr(code)), code


@pytest.mark.parametrize("language", CALENDARS)
def test_the_kept_date_format_equals_date_format(language):
    from django.utils.formats import date_format

    moments = [
        brussels(2027, month, day, hour, minute)
        for month, day in [(1, 1), (2, 28), (3, 9), (5, 31), (9, 15), (12, 31)]
        for hour, minute in [(0, 0), (0, 30), (9, 5), (11, 59), (12, 0), (12, 1), (13, 30), (23, 59)]
    ]
    moments += [moment.replace(second=7, microsecond=120) for moment in moments[:8]]
    with translation.override(language):
        for name in (
            "DATETIME_FORMAT",
            "DATE_FORMAT",
            "SHORT_DATETIME_FORMAT",
            "TIME_FORMAT",
            "D, l w \\w\\e\\e\\k W o z t L jS {y} b M n m, g G h H i s u a A f {{P}}",
            "j F Y, H:i O (e)",
        ):
            kept = KeptDateFormat(name)
            for moment in moments + moments:
                assert kept(moment) == date_format(moment, name)
