"""An event's occurrences (:class:`EventOccurrences`), and the one each listing shows and sorts by.

The occurrence shown is computed once per query.

A weekly course that began in 2019 is listed at its next session, not at its
first: the home page, the calendar's lists, collections and feeds all order
events by ``shown_start``. For a one-off event that is its start, which the
database has; for a recurring one it is computed here from its rule, for the
recurring events of the queryset only (one query), and handed back to the
database as a ``CASE`` on their ids, so that ordering, slicing and pagination
stay in SQL. Each rule is walked from its first date up to the moment or period
asked for, never further.
"""

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.apps import apps
from django.conf import settings
from django.db.models import Case, DateTimeField, Value, When
from django.utils import timezone
from django.utils.functional import cached_property

from .recurrence import (
    build_rule,
    describe_recurrence,
    repeats_forever,
)
from .times import earlier, later, parse_time_zone

if TYPE_CHECKING:
    from .models import EventPage


#: What working out an event's dates reads (its rule, zone and exceptions): surfaces that read
#: events as rows include these fields.
OCCURRENCE_FIELDS = ("start", "end", "time_zone", "recurrence", "exception_dates")


@dataclass(frozen=True)
class Occurrence:
    """One date of an event: its start and end in the event's own time zone."""

    event: "EventPage"
    start: datetime.datetime
    end: datetime.datetime

    @property
    def spans_days(self):
        return self.start.date() != self.end.date()


class EventOccurrences:
    """What an event computes of its dates: its local times, its rule and its occurrences.

    Mixed into :class:`events.models.EventPage`, which has the fields read here
    (``start``, ``end``, ``time_zone``, ``recurrence``, ``exception_dates``, ``last_occurrence_end``).
    """

    @property
    def is_recurring(self):
        return bool(self.recurrence)

    @property
    def recurrence_description(self):
        if not self.recurrence:
            return ""
        return describe_recurrence(self.recurrence, self.tzinfo, self.exception_dates)

    @property
    def duration(self):
        return self.end - self.start

    @property
    def rule(self):
        """The dateutil rule of a recurring event, anchored at its local start.

        Kept while the rule, start and zone stay the same: parsing it is the
        costly part, and a listing asks several times.
        """
        if not self.recurrence:
            return None
        exception_dates = tuple(self.exception_dates or ())
        key = (self.recurrence, self.start, self.time_zone, exception_dates)
        cached = self.__dict__.get("_rule_cache")
        if cached is None or cached[0] != key:
            rule = build_rule(self.recurrence, self.local_start, exception_dates)
            cached = self.__dict__["_rule_cache"] = (key, rule)
        return cached[1]

    def compute_last_occurrence_end(self):
        if not self.recurrence:
            return self.end
        if repeats_forever(self.recurrence):
            return None
        last_start = self.local_start
        for last_start in self.rule:  # noqa: B007 - a finite rule: walk to its last occurrence
            pass
        return last_start + self.duration

    def occurrences_between(self, period_start, period_end):
        """``Occurrence``s overlapping [period_start, period_end), in the event's local time."""
        duration = self.duration
        rule = self.rule
        if rule is None:
            starts = [self.local_start]
        else:
            starts = rule.between(earlier(period_start, duration), period_end, inc=True)
        return [
            Occurrence(self, start, later(start, duration))
            for start in starts
            if start < period_end and later(start, duration) >= period_start
        ]

    @property
    def first_occurrence(self):
        return Occurrence(self, self.local_start, self.local_end)

    def next_occurrence(self, moment=None):
        """The first occurrence not yet over (None when all are past)."""
        moment = moment or timezone.now()
        rule = self.rule
        if rule is None:
            return self.first_occurrence if self.end >= moment else None
        start = rule.after(earlier(moment, self.duration), inc=True)
        return Occurrence(self, start, later(start, self.duration)) if start else None

    def occurrence_to_show(self, moment=None, period_start=None, period_end=None):
        """The occurrence a listing shows and sorts by.

        The first one not over at ``moment`` (or at the period's start, when
        later) that starts within the period; failing that, the last one that
        starts before the period ends (before the rule's end without a period);
        failing that, the first. The rule is walked up to that date only.
        """
        rule = self.rule
        if rule is None:
            return self.first_occurrence
        moment = moment or timezone.now()
        since = max(moment, period_start) if period_start else moment
        duration = self.duration
        start = rule.after(earlier(since, duration), inc=True)
        if start and (period_end is None or start < period_end):
            return Occurrence(self, start, later(start, duration))
        until = period_end
        if until is None and self.last_occurrence_end is not None:
            until = later(self.last_occurrence_end, datetime.timedelta(seconds=1)) - duration
        start = rule.before(until) if until is not None else None
        if start and (period_start is None or later(start, duration) >= period_start):
            return Occurrence(self, start, later(start, duration))
        return self.first_occurrence

    @cached_property
    def shown_occurrence(self):
        """The occurrence listings show: the one the queryset computed (``with_shown_start``), or the next."""
        shown_start = getattr(self, "shown_start", None)
        if shown_start is None:
            return self.occurrence_to_show()
        start = timezone.localtime(shown_start, self.tzinfo)
        return Occurrence(self, start, later(start, self.duration))

    @property
    def tzinfo(self):
        return parse_time_zone(self.time_zone)

    @property
    def shows_own_time_zone(self):
        """Whether listings must name the zone: it is not the site's."""
        return bool(self.time_zone) and self.time_zone != settings.TIME_ZONE

    @property
    def local_start(self):
        return timezone.localtime(self.start, self.tzinfo)

    @property
    def local_end(self):
        return timezone.localtime(self.end, self.tzinfo)

    @property
    def is_past(self):
        last_end = self.compute_last_occurrence_end()
        return last_end is not None and last_end < timezone.now()


@dataclass(eq=False)
class EventDates(EventOccurrences):
    """An event's dates as a row holds them: what its occurrences are worked out from, without a page.

    An ``EventPage`` made for that sets every one of its fields and relations,
    which cost more than walking the rule.
    """

    pk: int
    start: datetime.datetime
    end: datetime.datetime
    time_zone: str
    recurrence: str
    exception_dates: list
    last_occurrence_end: datetime.datetime | None


def shown_starts(events, moment, period_start=None, period_end=None):
    """``{id: start}`` of the occurrence to show, for each recurring event of ``events`` (pages of any type).

    Only events that started before the moment (or the period's start, when
    later) can show another occurrence than their first.
    """
    reference = max(moment, period_start) if period_start else moment
    rows = (
        apps.get_model("events", "EventPage")
        .objects.filter(pk__in=events.order_by().values("pk"))
        .exclude(recurrence="")
        .filter(start__lt=reference)
        .order_by()
        .values_list("pk", *OCCURRENCE_FIELDS, "last_occurrence_end")
    )
    starts = {}
    for row in rows:
        event = EventDates(*row)
        occurrence = event.occurrence_to_show(moment, period_start, period_end)
        if occurrence.start != event.start:
            starts[event.pk] = occurrence.start
    return starts


def shown_start_expression(events, default, moment, period_start=None, period_end=None):
    """A database expression: the shown start of each recurring event of ``events``, else ``default``."""
    starts = shown_starts(events, moment, period_start, period_end)
    return Case(
        *(When(pk=pk, then=Value(start)) for pk, start in starts.items()),
        default=default,
        output_field=DateTimeField(),
    )
