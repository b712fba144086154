"""iCalendar (RFC 5545) export of events, written line by line from rows.

A calendar of a year holds hundreds of events; the ``icalendar`` library's
generic encoder (a property object per value, its line folding a loop per
character) cost thousands of Python calls per event. Here each VEVENT is
written directly from a row of the fields it shows (:data:`EVENT_FIELDS`), as
the library writes it: the same properties in the same order, TEXT escaped
(``\\``, ``;``, ``,``, line breaks), lines folded before 75 octets on UTF-8
character boundaries, never inside an escape, CRLF line ends. The calendar's
header and its VTIMEZONE components, a few per calendar, are still the
library's (the time-zone rules are kept per zone and first date).
``tests/events/test_ical_writer.py`` compares the output with the library's,
byte for byte.

UIDs are built from the page's translation key and language, which never
change when an event is renamed, moved or re-imported, so a subscribed calendar
updates the entry instead of duplicating it. Times carry the event's own time
zone (TZID with its VTIMEZONE), so a recurring event keeps its local time across
daylight-saving changes; fixed offsets, which have no VTIMEZONE, are written in UTC.
Text goes through :func:`core.plain_text.printable`: a control character in a
stored title must not break the whole calendar.
"""

import datetime
import functools
import zoneinfo

from django.utils import timezone
from django_countries import countries
from icalendar import Calendar, Timezone
from icalendar.timezone.tzid import tzid_from_tzinfo

from core.page_urls import PageUrls
from core.plain_text import printable

from .models import EventCategory
from .occurrences import OCCURRENCE_FIELDS
from .recurrence import exception_starts, normalize_recurrence
from .times import parse_time_zone

PRODUCT_ID = "-//Compatriots//Events//EN"

#: What a VEVENT shows of an event: read as rows (``values(*EVENT_FIELDS)``), not pages.
EVENT_FIELDS = (
    "title",
    "summary",
    "translation_key",
    "locale__language_code",
    "url_path",
    *OCCURRENCE_FIELDS,
    "venue",
    "city",
    "country",
    "category",
    "last_published_at",
)

#: Octets of a folded line's content: the library folds before the 75th.
FOLD_OCTETS = 74


def event_uid(translation_key, language_code, host):
    return f"{translation_key}-{language_code}@{host}"


def event_row(event):
    """The row of ``event`` (a page) as :func:`EventCalendar.vevent` reads it."""
    row = {name: getattr(event, name) for name in EVENT_FIELDS if "__" not in name}
    row["locale__language_code"] = event.locale.language_code
    row["country"] = event.country.code if event.country else ""
    return row


def escape_text(text):
    """An RFC 5545 TEXT value: backslash, semicolon, comma and line breaks escaped."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line):
    """``line`` folded into lines of at most :data:`FOLD_OCTETS` octets (continuations after CRLF and a space).

    Never inside a UTF-8 character, and never between a backslash (or a
    ``^``) and what it escapes: that character moves to the next line.
    """
    if line.isascii():
        if len(line) <= FOLD_OCTETS:
            return line
        data = line.encode("ascii")
    else:
        data = line.encode()
        if len(data) <= FOLD_OCTETS:
            return line
    parts = []
    position, size = 0, len(data)
    while size - position > FOLD_OCTETS:
        end = position + FOLD_OCTETS
        while data[end] & 0xC0 == 0x80:  # a continuation byte: back to the character's first byte
            end -= 1
        if data[end - 1] in b"\\^":
            end -= 1
        parts.append(data[position:end])
        position = end
    parts.append(data[position:])
    return b"\r\n ".join(parts).decode()


def _stamp(moment):
    return f"{moment.year:04}{moment.month:02}{moment.day:02}T{moment.hour:02}{moment.minute:02}{moment.second:02}"


def utc_stamp(moment):
    return _stamp(moment.astimezone(datetime.UTC)) + "Z"


@functools.lru_cache(maxsize=256)
def zone_id(tzinfo):
    """The TZID the event's times are written with, or None to write them in UTC (fixed offsets, UTC itself)."""
    if not isinstance(tzinfo, zoneinfo.ZoneInfo):
        return None
    tzid = tzid_from_tzinfo(tzinfo)
    return None if tzid in (None, "UTC") else tzid


@functools.lru_cache(maxsize=1024)
def ical_rule(text, tzinfo):
    """The stored rule as the RRULE value (UNTIL in UTC): parsed once per rule and zone."""
    return normalize_recurrence(text, tzinfo)


@functools.lru_cache(maxsize=64)
def vtimezone(tzid, first_date):
    """The VTIMEZONE lines of ``tzid`` from ``first_date`` on, or "" for a zone the library does not know."""
    try:
        return Timezone.from_tzid(tzid, first_date=first_date).to_ical().decode()
    except ValueError:
        return ""


class EventCalendar:
    """Writes one calendar: its header, then a VEVENT per event row, then the time zones they use."""

    def __init__(self, name, host, request=None):
        self.name = name
        self.host = host
        self.page_urls = PageUrls(request)
        self.now = timezone.now()
        self.zones = {}
        self.labels = {}
        self.country_names = {}

    def zone(self, time_zone):
        zone = self.zones.get(time_zone)
        if zone is None:
            tzinfo = parse_time_zone(time_zone)
            zone = self.zones[time_zone] = (tzinfo, zone_id(tzinfo))
        return zone

    def category_label(self, value):
        label = self.labels.get(value)
        if label is None:
            try:
                label = str(EventCategory(value).label)
            except ValueError:
                label = value
            label = self.labels[value] = escape_text(printable(label))
        return label

    def location(self, row):
        code = row["country"]
        country = self.country_names.get(code)
        if country is None:
            country = self.country_names[code] = printable(countries.name(code)) if code else ""
        parts = (printable(row["venue"]), printable(row["city"]), country)
        return ", ".join(part for part in parts if part)

    def exception_stamps(self, row, tzinfo, tzid):
        """The EXDATE values: the left-out starts, in the zone the event's times are written in."""
        starts = exception_starts(row["exception_dates"], timezone.localtime(row["start"], tzinfo))
        return ",".join(_stamp(start) if tzid else utc_stamp(start) for start in starts)

    def vevent(self, row):
        """The VEVENT of one event row, as lines (the library's order: its canonical properties, then by name)."""
        tzinfo, tzid = self.zone(row["time_zone"])
        if tzid:
            zone = f";TZID={tzid}:"
            start = _stamp(timezone.localtime(row["start"], tzinfo))
            end = _stamp(timezone.localtime(row["end"], tzinfo))
        else:
            zone = ":"
            start, end = utc_stamp(row["start"]), utc_stamp(row["end"])
        last_published_at = row["last_published_at"]
        uid = event_uid(row["translation_key"], row["locale__language_code"], self.host)
        lines = [
            "BEGIN:VEVENT",
            fold("SUMMARY:" + escape_text(printable(row["title"]))),
            fold(f"DTSTART{zone}{start}"),
            fold(f"DTEND{zone}{end}"),
            "DTSTAMP:" + utc_stamp(last_published_at or self.now),
            fold("UID:" + escape_text(uid)),
        ]
        if row["recurrence"]:
            lines.append(fold("RRULE:" + ical_rule(row["recurrence"], tzinfo)))
            if row["exception_dates"]:
                lines.append(fold("EXDATE" + zone + self.exception_stamps(row, tzinfo, tzid)))
        lines.append(fold("CATEGORIES:" + self.category_label(row["category"])))
        description = printable(row["summary"], keep_line_breaks=True)
        if description:
            lines.append(fold("DESCRIPTION:" + escape_text(description)))
        if last_published_at:
            lines.append("LAST-MODIFIED:" + utc_stamp(last_published_at))
        location = self.location(row)
        if location:
            lines.append(fold("LOCATION:" + escape_text(location)))
        lines.append(fold("URL:" + (self.page_urls.full_url(row["url_path"]) or "")))
        lines.append("END:VEVENT")
        return lines

    def header(self):
        calendar = Calendar()
        calendar.add("prodid", PRODUCT_ID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", printable(self.name))
        return calendar.to_ical().decode().removesuffix("END:VCALENDAR\r\n")

    def write(self, rows):
        """The calendar file (bytes) of ``rows`` (see :data:`EVENT_FIELDS`)."""
        events, tzids, first_start = [], set(), None
        for row in rows:
            events.extend(self.vevent(row))
            tzid = self.zone(row["time_zone"])[1]
            if tzid:
                tzids.add(tzid)
            first_start = min(first_start or row["start"], row["start"])
        # VTIMEZONE rules from the first event on: a shorter file than from 1970.
        first_date = first_start.date() - datetime.timedelta(days=1) if first_start else None
        zones = "".join(vtimezone(tzid, first_date) for tzid in sorted(tzids))
        events.append("END:VCALENDAR\r\n")
        return (self.header() + zones + "\r\n".join(events)).encode()
