"""The iCalendar export as the ``icalendar`` library writes it: the reference ``events.ical`` must equal.

``events.ical`` writes VEVENT lines itself (the library's generic encoder cost
thousands of Python calls per event); this is the library path it replaced,
property by property, with EXDATE added as the library adds a list of times.
"""

import datetime
import zoneinfo

from django.utils import timezone
from icalendar import Calendar, Event

from core.plain_text import printable
from events.ical import PRODUCT_ID
from events.recurrence import as_ical_rule, exception_starts


def _ical_time(event, value):
    if isinstance(event.tzinfo, zoneinfo.ZoneInfo):
        return timezone.localtime(value, event.tzinfo)
    return value.astimezone(datetime.UTC)


def _location(event):
    parts = (event.venue, event.city, event.country.name if event.country else "")
    return ", ".join(printable(part) for part in parts if printable(part))


def library_vevent(event, host, request=None):
    component = Event()
    component.add("uid", f"{event.translation_key}-{event.locale.language_code}@{host}")
    component.add("dtstamp", event.last_published_at or timezone.now())
    component.add("summary", printable(event.title))
    component.add("dtstart", _ical_time(event, event.start))
    component.add("dtend", _ical_time(event, event.end))
    if event.recurrence:
        component.add("rrule", as_ical_rule(event.recurrence, event.tzinfo))
        if event.exception_dates:
            starts = exception_starts(event.exception_dates, event.local_start)
            component.add("exdate", [_ical_time(event, start) for start in starts])
    location = _location(event)
    if location:
        component.add("location", location)
    description = printable(event.summary, keep_line_breaks=True)
    if description:
        component.add("description", description)
    component.add("categories", [printable(event.category_label)])
    component.add("url", event.get_full_url(request))
    if event.last_published_at:
        component.add("last-modified", event.last_published_at)
    return component


def library_calendar(events, name, host, request=None):
    """The calendar file (bytes) the library writes for ``events`` (pages)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", printable(name))
    first_start = None
    for event in events:
        calendar.add_component(library_vevent(event, host, request))
        first_start = min(first_start or event.start, event.start)
    if first_start:
        calendar.add_missing_timezones(first_date=first_start.date() - datetime.timedelta(days=1))
    return calendar.to_ical()
