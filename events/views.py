"""The calendar's views, served through the routes of the event pages.

Listings cost a fixed number of queries whatever their length: images,
renditions and organisers are prefetched, and organisers are put in the
visitor's language with one ``localize_pages`` call for the whole page.
"""

import datetime
from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import BooleanField, Case, F, Value, When
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from home.localization import localize_pages
from home.models import IMAGE_PREFETCH

from .filters import EventFilterForm, current_month, month_bounds, site_time_zone
from .ical import calendar_for_events

EVENTS_PER_PAGE = 12

VIEW_TITLES = {
    "all": _("All events"),
    "upcoming": _("Upcoming events"),
    "past": _("Past events"),
}


def upcoming_then_past(events):
    """Coming events by date, then past ones, most recent first, in one query."""
    now = timezone.now()
    still_running = events._still_running(now)
    return events.annotate(
        is_over=Case(When(still_running, then=Value(False)), default=Value(True), output_field=BooleanField()),
        upcoming_start=Case(When(still_running, then=F("start"))),
    ).order_by("is_over", F("upcoming_start").asc(nulls_last=True), "-start")


def with_listing_relations(events):
    return events.select_related("image", "locale").prefetch_related(
        *IMAGE_PREFETCH, "organisers__organisation__locale"
    )


def attach_localized_organisers(events, locale):
    """Give each event its organisers in ``locale``, with one query for all events."""
    organisations = [link.organisation for event in events for link in event.organisers.all()]
    localized = {link.page.translation_key: link for link in localize_pages(organisations, locale)}
    for event in events:
        keys = [link.organisation.translation_key for link in event.organisers.all()]
        event.localized_organisers = [localized[key] for key in dict.fromkeys(keys) if key in localized]
    return events


def event_list(request, index, view):
    form = EventFilterForm(request.GET, index)
    events = form.apply(index.events())
    if view == "upcoming":
        events = events.upcoming()
    elif view == "past":
        events = events.past()
    else:
        events = upcoming_then_past(events)
    paginator = Paginator(with_listing_relations(events), EVENTS_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    attach_localized_organisers(page_obj.object_list, index.locale)
    now = timezone.now()
    for event in page_obj.object_list:
        event.shown_occurrence = event.next_occurrence(now) or event.first_occurrence
    return index.render(
        request,
        context_overrides={
            "filter_form": form,
            "view": view,
            "view_title": VIEW_TITLES[view],
            "page_obj": page_obj,
            "events": page_obj.object_list,
        },
    )


def month_view(request, index):
    form = EventFilterForm(request.GET, index)
    month = form.selected_month or current_month()
    period_start, period_end = month_bounds(month)
    events = with_listing_relations(form.apply(index.events(), month=month)).order_by("start")
    events = attach_localized_organisers(list(events), index.locale)
    site_tz = site_time_zone()
    days = defaultdict(list)
    for event in events:
        for occurrence in event.occurrences_between(period_start, period_end):
            day = max(occurrence.start, period_start).astimezone(site_tz).date()
            days[day].append(occurrence)
    for occurrences in days.values():
        occurrences.sort(key=lambda occurrence: occurrence.start)
    previous_month = (month - datetime.timedelta(days=1)).replace(day=1)
    next_month = (month + datetime.timedelta(days=32)).replace(day=1)
    return index.render(
        request,
        template="events/event_index_month.html",
        context_overrides={
            "filter_form": form,
            "view": "month",
            "month": month,
            "days": sorted(days.items()),
            "previous_month": previous_month.strftime("%Y-%m"),
            "next_month": next_month.strftime("%Y-%m"),
            "site_time_zone": site_tz,
        },
    )


def ics_response(calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response


def index_ical(request, index):
    """The subscribable calendar: every matching event, past and coming."""
    form = EventFilterForm(request.GET, index)
    events = form.apply(index.events()).select_related("locale").order_by("start")
    calendar = calendar_for_events(events, name=index.title, host=index.get_site().hostname, request=request)
    return ics_response(calendar, slugify(index.title) or "calendar")


def event_ical(request, event):
    calendar = calendar_for_events([event], name=event.title, host=event.get_site().hostname, request=request)
    return ics_response(calendar, event.slug)
