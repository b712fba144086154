"""An event's time zone, and date arithmetic that stays within the calendar's range.

Events are stored in UTC with the zone (or fixed offset) they were announced
in; recurrence rules may reach the first or the last representable date.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def parse_time_zone(value):
    """An IANA zone name (``Europe/Moscow``) or a fixed offset (``+03:00``)."""
    if not value:
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)
    if value[0] in "+-":
        sign = -1 if value[0] == "-" else 1
        hours, _sep, minutes = value[1:].partition(":")
        return datetime.timezone(sign * datetime.timedelta(hours=int(hours), minutes=int(minutes or 0)))
    return zoneinfo.ZoneInfo(value)


def validate_time_zone(value):
    try:
        parse_time_zone(value)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        raise ValidationError(
            _("Enter a time zone name such as Europe/Brussels, or an offset such as +03:00.")
        ) from None


def earlier(moment, delta):
    """``moment - delta``, or the earliest datetime when that falls before year 1."""
    try:
        return moment - delta
    except OverflowError:
        return datetime.datetime.min.replace(tzinfo=datetime.UTC)


def later(moment, delta):
    """``moment + delta``, or the latest datetime when that falls after year 9999."""
    try:
        return moment + delta
    except OverflowError:
        return datetime.datetime.max.replace(tzinfo=datetime.UTC)
