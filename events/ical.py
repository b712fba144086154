"""iCalendar (RFC 5545) export of events, with the ``icalendar`` library.

UIDs are built from the page's translation key and language, which never
change when an event is renamed, moved or re-imported, so a subscribed calendar
updates the entry instead of duplicating it. Times carry the event's own time
zone (TZID with its VTIMEZONE), so a recurring event keeps its local time across
daylight-saving changes; fixed offsets, which have no VTIMEZONE, are written in UTC.
Text goes through :func:`core.plain_text.printable`: a control character in a
stored title must not break the whole calendar.
"""

import datetime
import zoneinfo

from django.utils import timezone
from icalendar import Calendar, Event

from core.plain_text import printable

from .recurrence import as_ical_rule

PRODUCT_ID = "-//Compatriots//Events//EN"


def event_uid(event, host):
    return f"{event.translation_key}-{event.locale.language_code}@{host}"


def _ical_time(event, value):
    if isinstance(event.tzinfo, zoneinfo.ZoneInfo):
        return timezone.localtime(value, event.tzinfo)
    return value.astimezone(datetime.UTC)


def _location(event):
    parts = (event.venue, event.city, event.country.name if event.country else "")
    return ", ".join(printable(part) for part in parts if printable(part))


def ical_event(event, host, request=None):
    component = Event()
    component.add("uid", event_uid(event, host))
    component.add("dtstamp", event.last_published_at or timezone.now())
    component.add("summary", printable(event.title))
    component.add("dtstart", _ical_time(event, event.start))
    component.add("dtend", _ical_time(event, event.end))
    if event.recurrence:
        component.add("rrule", as_ical_rule(event.recurrence, event.tzinfo))
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


def calendar_for_events(events, name, host, request=None):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", printable(name))
    first_start = None
    for event in events:
        calendar.add_component(ical_event(event, host, request))
        first_start = min(first_start or event.start, event.start)
    if first_start:
        # VTIMEZONE rules from the first event on: a shorter file than from 1970.
        calendar.add_missing_timezones(first_date=first_start.date() - datetime.timedelta(days=1))
    return calendar
