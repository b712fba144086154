"""The calendar's month view: the grid of the month's days, and the agenda below it.

A busy month holds hundreds of events. The grid needs only each event's
title, address and dates: they are read as rows (:class:`EventTimes`), never as
pages, and each day cell shows at most :data:`GRID_EVENTS_PER_DAY` of them with a
link to the rest ("5 more events": the agenda of that day, ``?day=2027-03-12``).
The agenda lists the occurrences of the month (or of the day asked for) on
pages of :data:`AGENDA_PER_PAGE`; only the events of the page shown are loaded
whole, with their pictures and organisers. What the view renders and loads
whole is thus bounded, whatever the number of events in the month.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from core.page_urls import PageUrls

from .filters import (
    EventFilterForm,
    current_month,
    format_month,
    month_bounds,
    next_month,
    previous_month,
    site_time_zone,
)
from .month_grid import month_weeks, spread_over_days, weekday_names
from .occurrences import OCCURRENCE_FIELDS, EventDates, Occurrence
from .views import attach_localized_organisers, render_refused, with_listing_relations

#: Occurrences of a month's agenda per page.
AGENDA_PER_PAGE = 20

#: What the grid reads of each event of the month.
GRID_FIELDS = (
    "pk",
    "title",
    "url_path",
    *OCCURRENCE_FIELDS,
    "last_occurrence_end",
)


@dataclass(eq=False)
class EventTimes(EventDates):
    """An event as the grid shows it: its dates, with its title and address."""

    title: str
    url: str


def read_day(value, month):
    """The day of ``month`` asked for (``2027-03-12``), None when none is; 404 for anything else."""
    if value is None:
        return None
    try:
        day = datetime.date.fromisoformat(value) if value.isascii() and len(value) == 10 else None
    except ValueError:
        day = None
    if day is None or day.replace(day=1) != month:
        raise Http404(gettext("Give a day of the month shown, as YYYY-MM-DD."))
    return day


def month_view(request, index):
    form = EventFilterForm(request.GET, index)
    if form.month_error:
        if form.month_out_of_range:
            # Nothing there, and no link leads there: a crawler's trail ends.
            raise Http404(form.month_error)
        return render_refused(request, index, form, "month")
    month = form.selected_month or current_month()
    selected_day = read_day(request.GET.get("day"), month)
    period_start, period_end = month_bounds(month)
    urls = PageUrls(request)
    rows = form.apply(index.events(), month=month).order_by("start", "pk").values(*GRID_FIELDS)
    events = [EventTimes(url=urls.url(row.pop("url_path")), **row) for row in rows]
    site_tz = site_time_zone()
    # Each occurrence on the day it starts (in the agenda); the grid puts it on every day it covers.
    days = defaultdict(list)
    for event in events:
        for occurrence in event.occurrences_between(period_start, period_end):
            days[max(occurrence.start, period_start).astimezone(site_tz).date()].append(occurrence)
    for occurrences in days.values():
        occurrences.sort(key=lambda occurrence: occurrence.start)
    weeks = month_weeks(month, spread_over_days(days, site_tz))
    agenda = Paginator(
        [
            (day, occurrence)
            for day, occurrences in sorted(days.items())
            if selected_day in (None, day)
            for occurrence in occurrences
        ],
        AGENDA_PER_PAGE,
    ).get_page(request.GET.get("page"))
    month_days = [cell.day for week in weeks for cell in week if cell.day]
    today = timezone.localdate()
    # Links stay within the calendar's years (those holding events, plus one).
    before, after = previous_month(month), next_month(month)
    return index.render(
        request,
        template="events/event_index_month.html",
        context_overrides={
            "filter_form": form,
            "view": "month",
            "month": month,
            "month_value": format_month(month),
            "selected_day": selected_day,
            "days": agenda_days(agenda.object_list, index),
            "agenda_page": agenda,
            "weeks": weeks,
            "weekday_names": weekday_names(),
            # The day the grid's keyboard navigation starts from: the day asked for, today in this month, else the 1st.
            "focus_day": selected_day or (today if today in month_days else month_days[0]),
            "previous_month": format_month(before) if before >= form.first_month else None,
            "next_month": format_month(after) if after <= form.last_month else None,
            "site_time_zone": site_tz,
        },
    )


def agenda_days(entries, index):
    """``[(day, occurrences)]`` of one agenda page, each occurrence of an event loaded whole (picture, organisers)."""
    loaded = with_listing_relations(index.events().filter(pk__in={occurrence.event.pk for _day, occurrence in entries}))
    pages = {event.pk: event for event in attach_localized_organisers(list(loaded), index)}
    days = defaultdict(list)
    for day, occurrence in entries:
        event = pages.get(occurrence.event.pk)
        if event is not None:
            days[day].append(Occurrence(event, occurrence.start, occurrence.end))
    return list(days.items())
