"""The calendar written line by line equals what the ``icalendar`` library writes, byte for byte.

The reference is the library path ``events.ical`` replaced (tests/helpers/ical_reference.py):
long lines folded (ASCII and Cyrillic), text with commas, semicolons, backslashes and
line breaks, time zones and fixed offsets, recurring events with exception dates, an
event from midnight to midnight, and one calendar over two zones.
"""

import datetime
import random
from http import HTTPStatus

import icalendar
import pytest
from django.utils import timezone
from icalendar import vText
from icalendar.parser.string import _foldline

from events.ical import escape_text, fold
from events.models import EventPage
from tests.helpers import brussels
from tests.helpers.ical_reference import library_calendar

pytestmark = pytest.mark.django_db

PUBLISHED = datetime.datetime(2026, 11, 5, 8, 30, 15, tzinfo=datetime.UTC)

LONG_RUSSIAN = "Пушкинский вечер: стихи, романсы и воспоминания о поэте — вход свободный, приходите всей семьёй"
SUMMARY = "Line one, with a comma; a semicolon\nand a back\\slash,\n\nthen a blank line. " + "Длинная строка " * 8


@pytest.fixture
def calendar_events(make_event):
    events = [
        make_event(
            title=LONG_RUSSIAN,
            slug="пушкинский-вечер",
            start=brussels(2027, 3, 10, 19),
            summary=SUMMARY,
            venue="Зал «Москва», 2 этаж",
        ),
        make_event(
            title="A" * 73 + "\\,;" + "B" * 80, slug="long-ascii", start=brussels(2027, 3, 11, 19), city="Ghent; Gent"
        ),
        make_event(
            title="Weekly course",
            start=brussels(2027, 3, 16, 19),
            recurrence="FREQ=WEEKLY;UNTIL=20270525T215959Z",
            exception_dates=["2027-03-30", "2027-04-20"],
        ),
        make_event(title="Yearly festival", start=brussels(2027, 3, 20, 10), hours=48, recurrence="FREQ=YEARLY"),
        make_event(title="Whole day", start=brussels(2027, 3, 21, 0), hours=24, category="commemoration"),
        make_event(title="Moscow time", start=brussels(2027, 3, 22, 17), time_zone="+03:00", country=""),
        make_event(title="In UTC", start=brussels(2027, 3, 23, 17), time_zone="UTC", city="", venue=""),
    ]
    EventPage.objects.filter(pk__in=[event.pk for event in events]).update(last_published_at=PUBLISHED)
    return list(EventPage.objects.filter(pk__in=[event.pk for event in events]).order_by("start", "pk"))


def test_the_calendar_equals_the_librarys_byte_for_byte(client, calendar, calendar_events):
    response = client.get("/en/events/ical/", {"month": "2027-03"})

    assert response.status_code == HTTPStatus.OK
    expected = library_calendar(calendar_events, name=calendar.title, host="localhost")
    assert response.content == expected
    # What a calendar application reads back: the texts as stored, the dates left out.
    parsed = {
        str(vevent["SUMMARY"]): vevent for vevent in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    }
    assert str(parsed[LONG_RUSSIAN]["DESCRIPTION"]) == SUMMARY.strip()
    assert str(parsed[LONG_RUSSIAN]["LOCATION"]) == "Зал «Москва», 2 этаж, Brussels, Belgium"
    assert [day.dt for day in parsed["Weekly course"]["EXDATE"].dts] == [
        brussels(2027, 3, 30, 19),
        brussels(2027, 4, 20, 19),
    ]
    assert max(len(line) for line in response.content.split(b"\r\n")) <= 75


def test_an_events_own_calendar_equals_the_librarys(client, calendar_events):
    for event in calendar_events:
        response = client.get(f"{event.get_url()}ical/")

        assert response.content == library_calendar([event], name=event.title, host="localhost")


def test_a_calendar_over_two_zones_reads_the_same(client, calendar, make_event):
    make_event(title="Brussels", start=brussels(2027, 3, 10, 19))
    make_event(
        title="Moscow", start=brussels(2027, 3, 11, 17), time_zone="Europe/Moscow", recurrence="FREQ=DAILY;COUNT=3"
    )
    events = list(EventPage.objects.order_by("start", "pk"))

    written = icalendar.Calendar.from_ical(client.get("/en/events/ical/", {"month": "2027-03"}).content)
    reference = icalendar.Calendar.from_ical(library_calendar(events, name=calendar.title, host="localhost"))

    # The library orders time zones as a set does; they are written in name order here.
    assert [zone.tz_name for zone in written.timezones] == ["Europe/Brussels", "Europe/Moscow"]
    assert sorted(zone.to_ical() for zone in written.timezones) == sorted(
        zone.to_ical() for zone in reference.timezones
    )
    ignored = {"DTSTAMP"}  # the library stamps unpublished events with the current second
    assert [{k: v.to_ical() for k, v in e.items() if k not in ignored} for e in written.walk("VEVENT")] == [
        {k: v.to_ical() for k, v in e.items() if k not in ignored} for e in reference.walk("VEVENT")
    ]


def test_folding_and_escaping_equal_the_librarys():
    alphabet = 'abc ,;:\\^"\n' + "жёлтый" + "€" + "🎻" + "漢"
    generator = random.Random(22)  # noqa: S311 - a fixed seed: the same strings on every run, nothing secret
    for _attempt in range(2000):
        text = "".join(generator.choice(alphabet) for _ in range(generator.randrange(0, 260)))
        escaped = escape_text(text)
        assert escaped == vText(text).to_ical().decode()
        line = "DESCRIPTION:" + escaped
        folded = fold(line)
        assert folded == _foldline(line)
        physical = folded.encode().split(b"\r\n")
        assert all(len(part) <= 75 for part in physical)
        assert all(part.startswith(b" ") for part in physical[1:])
        assert folded.replace("\r\n ", "") == line


def test_an_empty_calendar_has_no_time_zone(client, calendar):
    response = client.get("/en/events/ical/")

    assert response.content == library_calendar([], name=calendar.title, host="localhost")
    assert timezone.now()  # the calendar is valid without events
    assert icalendar.Calendar.from_ical(response.content).walk("VEVENT") == []
