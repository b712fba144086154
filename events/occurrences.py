"""The occurrence each listing shows and sorts by, computed once per query.

A weekly course that began in 2019 is listed at its next session, not at its
first: the home page, the calendar's lists, collections and feeds all order
events by ``shown_start``. For a one-off event that is its start, which the
database has; for a recurring one it is computed here from its rule, for the
recurring events of the queryset only (one query), and handed back to the
database as a ``CASE`` on their ids, so that ordering, slicing and pagination
stay in SQL. Each rule is walked from its first date up to the moment or period
asked for, never further.
"""

from django.db.models import Case, DateTimeField, Value, When


def shown_starts(events, moment, period_start=None, period_end=None):
    """``{id: start}`` of the occurrence to show, for each recurring event of ``events`` that needs it.

    Only events that started before the moment (or the period's start, when
    later) can show another occurrence than their first.
    """
    from .models import EventPage

    reference = max(moment, period_start) if period_start else moment
    rows = (
        EventPage.objects.filter(pk__in=events.order_by().values("pk"))
        .exclude(recurrence="")
        .filter(start__lt=reference)
        .order_by()
        .values_list("pk", "start", "end", "time_zone", "recurrence", "last_occurrence_end")
    )
    starts = {}
    for pk, start, end, time_zone, recurrence, last_occurrence_end in rows:
        event = EventPage(
            pk=pk,
            start=start,
            end=end,
            time_zone=time_zone,
            recurrence=recurrence,
            last_occurrence_end=last_occurrence_end,
        )
        occurrence = event.occurrence_to_show(moment, period_start, period_end)
        if occurrence.start != start:
            starts[pk] = occurrence.start
    return starts


def shown_start_expression(events, default, moment, period_start=None, period_end=None):
    """A database expression: the shown start of each recurring event of ``events``, else ``default``."""
    starts = shown_starts(events, moment, period_start, period_end)
    return Case(
        *(When(pk=pk, then=Value(start)) for pk, start in starts.items()),
        default=default,
        output_field=DateTimeField(),
    )
