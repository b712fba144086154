"""Recurrence rules of repeating events (a weekly course, a yearly festival).

Editors write an iCalendar RRULE (RFC 5545), the same text that calendar
applications exchange, so a rule goes unchanged into the ``.ics`` export. The
occurrences are computed by python-dateutil from the event's *local* start, so
a course at 19:00 in Brussels stays at 19:00 when daylight saving time begins.
"""

import datetime
import zoneinfo

from dateutil.rrule import rruleset, rrulestr
from django.core.exceptions import ValidationError
from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from icalendar import vRecur

RECURRENCE_HELP_TEXT = _(
    "Leave empty for a one-off event. To repeat it, write an iCalendar rule, for example"
    " FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630 (every Tuesday until 30 June 2027),"
    " FREQ=WEEKLY;INTERVAL=2;COUNT=10 (every other week, ten times) or"
    " FREQ=YEARLY (every year on the start date). Every occurrence keeps the start's local time."
)

SYNTAX_HINT = _("Write NAME=VALUE parts separated by semicolons, starting with FREQ, e.g. FREQ=WEEKLY;BYDAY=TU.")

# Rules repeating more often than daily are almost always typing mistakes and
# would flood the calendar with occurrences.
ALLOWED_FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}


def _parse(text):
    """The rule as an icalendar ``vRecur``; raises ``ValidationError`` when unreadable."""
    text = text.strip()
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:") :]
    try:
        rule = vRecur.from_ical(text.upper())
    except ValueError as error:
        raise ValidationError(
            _("This recurrence rule cannot be read (%(error)s). %(hint)s"),
            code="invalid_recurrence",
            params={"error": error, "hint": SYNTAX_HINT},
        ) from None
    if not rule.get("FREQ"):
        raise ValidationError(SYNTAX_HINT, code="invalid_recurrence")
    if rule["FREQ"][0] not in ALLOWED_FREQUENCIES:
        raise ValidationError(
            _("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY."),
            code="invalid_recurrence",
        )
    if "COUNT" in rule and "UNTIL" in rule:
        raise ValidationError(
            _("Give either COUNT (how many times) or UNTIL (the last date), not both."),
            code="invalid_recurrence",
        )
    return rule


def _until_in_utc(value, tzinfo):
    """RFC 5545 wants UNTIL in UTC when DTSTART carries a time zone.

    A bare date means "up to the end of that day" where the event takes place;
    a date-time without zone is local time there too.
    """
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time(23, 59, 59))
    if value.tzinfo is None:
        value = value.replace(tzinfo=tzinfo)
    return value.astimezone(datetime.UTC)


def normalize_recurrence(text, tzinfo):
    """The canonical form stored and exported: upper case, no prefix, UNTIL in UTC."""
    if not text or not text.strip():
        return ""
    rule = _parse(text)
    if "UNTIL" in rule:
        rule["UNTIL"] = [_until_in_utc(rule["UNTIL"][0], tzinfo)]
    normalized = rule.to_ical().decode()
    try:
        if int(rule.get("INTERVAL", [1])[0]) < 1:
            # dateutil accepts it, and then never gets past the first date: any walk along the rule would hang.
            raise ValueError("INTERVAL must be 1 or more")
        # Some mistakes (BYSETPOS=0) only surface when the first date is computed.
        next(iter(rrulestr(normalized, dtstart=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC))), None)
    except (ValueError, TypeError) as error:
        raise ValidationError(
            _("This recurrence rule cannot be used: %(error)s."), code="invalid_recurrence", params={"error": error}
        ) from None
    return normalized


def validate_recurrence(text):
    """Field validator: the rule must be readable (time zone does not matter here)."""
    normalize_recurrence(text, zoneinfo.ZoneInfo("UTC"))


def repeats_forever(text):
    """True for a rule with neither COUNT nor UNTIL."""
    rule = _parse(text)
    return "COUNT" not in rule and "UNTIL" not in rule


def parse_exception_dates(values):
    """Exception dates (ISO text or dates) as sorted distinct dates; raises ``ValidationError`` on unreadable text."""
    days = set()
    for value in values or ():
        if isinstance(value, datetime.date):
            days.add(value)
            continue
        try:
            days.add(datetime.date.fromisoformat(str(value).strip()))
        except ValueError:
            raise ValidationError(
                _("“%(value)s” is not a date (YYYY-MM-DD)."), code="invalid_exception_date", params={"value": value}
            ) from None
    return sorted(days)


def build_rule(text, local_start, exception_dates=()):
    """A dateutil rule whose occurrences keep ``local_start``'s wall-clock time.

    With exception dates (RFC 5545 EXDATE) it is a rule set leaving out the
    occurrence of each of those local days; it answers the same calls
    (iteration, ``after``, ``before``, ``between``).
    """
    rule = rrulestr(normalize_recurrence(text, local_start.tzinfo), dtstart=local_start)
    if not exception_dates:
        return rule
    rules = rruleset()
    rules.rrule(rule)
    for start in exception_starts(exception_dates, local_start):
        rules.exdate(start)
    return rules


def exception_starts(exception_dates, local_start):
    """The occurrence starts that exception dates remove: each day at the start's local time.

    dateutil drops microseconds from its occurrences, so the removed starts do too.
    """
    local_time = local_start.replace(microsecond=0).time()
    return [
        datetime.datetime.combine(day, local_time, tzinfo=local_start.tzinfo)
        for day in parse_exception_dates(exception_dates)
    ]


def as_ical_rule(text, tzinfo):
    """The rule as an icalendar value for the RRULE property."""
    return vRecur.from_ical(normalize_recurrence(text, tzinfo))


FREQUENCY_LABELS = {
    "DAILY": (_("every day"), _("every %(interval)s days")),
    "WEEKLY": (_("every week"), _("every %(interval)s weeks")),
    "MONTHLY": (_("every month"), _("every %(interval)s months")),
    "YEARLY": (_("every year"), _("every %(interval)s years")),
}
WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def describe_recurrence(text, tzinfo, exception_dates=()):
    """The rule in the visitor's language: "every week, on Tuesday, 6 times, except 5 January 2027"."""
    rule = vRecur.from_ical(normalize_recurrence(text, tzinfo))
    interval = int(rule.get("INTERVAL", [1])[0])
    single, several = FREQUENCY_LABELS[rule["FREQ"][0]]
    parts = [str(single) if interval == 1 else several % {"interval": interval}]
    if "BYDAY" in rule:
        days = [str(WEEKDAYS[WEEKDAY_CODES.index(str(day)[-2:])]) for day in rule["BYDAY"]]
        parts.append(gettext("on %(days)s") % {"days": ", ".join(days)})
    if "COUNT" in rule:
        count = int(rule["COUNT"][0])
        parts.append(ngettext("%(count)s time", "%(count)s times", count) % {"count": count})
    if "UNTIL" in rule:
        last_day = rule["UNTIL"][0].astimezone(tzinfo)
        parts.append(gettext("until %(date)s") % {"date": date_format(last_day, "DATE_FORMAT")})
    days = parse_exception_dates(exception_dates)
    if days:
        dates = ", ".join(date_format(day, "DATE_FORMAT") for day in days)
        parts.append(gettext("except %(dates)s") % {"dates": dates})
    return ", ".join(parts)
