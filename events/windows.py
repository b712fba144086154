"""The time window of the calendar's feeds, and how long a built feed is kept.

The iCalendar feed (``ical/``) holds the events with an occurrence from
:data:`DAYS_BACK` days ago to :data:`DAYS_AHEAD` days ahead (the past month, so
that a subscribed calendar keeps what just happened, and the coming year); the
RSS and Atom feeds hold the upcoming events whose next occurrence starts
within the same coming days. ``?days_back=`` and ``?days_ahead=`` ask for more
(or less), up to :data:`MAX_DAYS_BACK` and :data:`MAX_DAYS_AHEAD`; anything
else is refused with a 400. A month filter (``?month=2027-03``) replaces the
window with that month. However long the calendar's history grows, a feed
reads and writes only the events of its window.

Feeds are built once and kept (``core.cache``) until the content changes, or
for :data:`REFRESH_MINUTES` at most: the window starts from the current
quarter hour, so what is "upcoming" moves on without an edit.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

DAYS_BACK = 30
DAYS_AHEAD = 365
MAX_DAYS_BACK = 366
MAX_DAYS_AHEAD = 3 * 366
REFRESH_MINUTES = 15

#: A guard on top of the window: a feed never lists more events than this.
MAX_FEED_EVENTS = 2000


@dataclass(frozen=True)
class FeedWindow:
    days_back: int
    days_ahead: int
    moment: datetime.datetime

    @property
    def start(self):
        return self.moment - datetime.timedelta(days=self.days_back)

    @property
    def end(self):
        return self.moment + datetime.timedelta(days=self.days_ahead)

    @property
    def key(self):
        """What a cached feed built for this window depends on."""
        return f"{self.days_back}:{self.days_ahead}:{self.moment.isoformat()}"


def refresh_moment(now=None):
    """The start of the current quarter hour (UTC): windows and cache entries move on from there."""
    now = now or timezone.now()
    now = now.astimezone(datetime.UTC)
    return now.replace(minute=now.minute - now.minute % REFRESH_MINUTES, second=0, microsecond=0)


def _days(query, name, default, maximum):
    value = query.get(name)
    if value in (None, ""):
        return default
    if not value.isascii() or not value.isdigit() or int(value) > maximum:
        raise ValueError(
            _("%(name)s: give a whole number of days from 0 to %(maximum)s.") % {"name": name, "maximum": maximum}
        )
    return int(value)


def read_window(query, now=None):
    """The window a feed's query string asks for; ValueError with the reason when it is not one."""
    return FeedWindow(
        days_back=_days(query, "days_back", DAYS_BACK, MAX_DAYS_BACK),
        days_ahead=_days(query, "days_ahead", DAYS_AHEAD, MAX_DAYS_AHEAD),
        moment=refresh_moment(now),
    )
