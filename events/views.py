"""The calendar's views, served through the routes of the event pages.

Listings cost a fixed number of queries whatever their length: images,
renditions and organisers are prefetched, and organisers are put in the
visitor's language with one ``localize_pages`` call for the whole page.
"""

import functools

from django.core.paginator import Paginator
from django.db.models import BooleanField, Case, F, Value, When
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.cache import cached_content_response, query_key
from core.models import IMAGE_PREFETCH
from localisation.relations import localize_pages

from .filters import EventFilterForm
from .ical import EVENT_FIELDS, EventCalendar, event_row
from .windows import MAX_FEED_EVENTS, read_window

EVENTS_PER_PAGE = 12

VIEW_TITLES = {
    "all": _("All events"),
    "upcoming": _("Upcoming events"),
    "past": _("Past events"),
}


def upcoming_then_past(events, period_start=None, period_end=None):
    """Coming events by the date they show, then past ones, most recent first, in one query."""
    now = timezone.now()
    still_running = events._still_running(now)
    return (
        events.with_shown_start(now, period_start, period_end)
        .annotate(
            is_over=Case(When(still_running, then=Value(False)), default=Value(True), output_field=BooleanField()),
            upcoming_start=Case(When(still_running, then=F("shown_start"))),
        )
        .order_by("is_over", F("upcoming_start").asc(nulls_last=True), F("shown_start").desc(), "pk")
    )


def refused_filter(form):
    """A plain-text 400 for feeds and calendars whose month was refused, or None."""
    if form.month_error:
        return HttpResponseBadRequest(f"month: {form.month_error}\n", content_type="text/plain; charset=utf-8")
    return None


def with_listing_relations(events):
    return events.select_related("image", "locale").prefetch_related(
        *IMAGE_PREFETCH, "organisers__organisation__locale"
    )


def attach_localized_organisers(events, index):
    """Give each event its organisers in the language of the calendar ``index`` and on its site, with one query for all events."""
    organisations = [link.organisation for event in events for link in event.organisers.all()]
    localized = {
        link.page.translation_key: link for link in localize_pages(organisations, index.locale, site=index.get_site())
    }
    for event in events:
        keys = [link.organisation.translation_key for link in event.organisers.all()]
        event.localized_organisers = [localized[key] for key in dict.fromkeys(keys) if key in localized]
    return events


def event_list(request, index, view):
    form = EventFilterForm(request.GET, index)
    if form.month_error:
        return render_refused(request, index, form, view)

    @functools.cache
    def page_obj():
        events = form.apply(index.events())
        if view == "upcoming":
            events = events.upcoming(*form.period)
        elif view == "past":
            events = events.past(*form.period)
        else:
            events = upcoming_then_past(events, *form.period)
        page = Paginator(with_listing_relations(events), EVENTS_PER_PAGE).get_page(request.GET.get("page"))
        attach_localized_organisers(page.object_list, index)
        return page

    return index.render(
        request,
        context_overrides={
            "filter_form": form,
            "view": view,
            "view_title": VIEW_TITLES[view],
            # The list is read when the template renders it: not while its kept fragment holds (fragment_tags).
            "listing_key": listing_key(request, form),
            "page_obj": SimpleLazyObject(page_obj),
            "events": SimpleLazyObject(lambda: page_obj().object_list),
        },
    )


def listing_key(request, form):
    """What an event list and its filters show besides the calendar, or None when they are not to be kept.

    The query string when it holds only the filters, each valid (so from a
    bounded set), and a page number: junk parameters are rendered every time.
    """
    if form.errors:
        return None
    return query_key(request, {*form.fields, "page"})


def render_refused(request, index, form, view):
    """The calendar page with the filters and the reason the month was refused, as a 400."""
    response = index.render(
        request,
        context_overrides={"filter_form": form, "view": view, "view_title": VIEW_TITLES.get(view, ""), "events": []},
    )
    response.status_code = 400
    return response


def ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    # Slugs may be Cyrillic: the header says so as RFC 6266 wants.
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=f"{filename}.ics")
    return response


def refused_window(request):
    """(window, None), or (None, a plain-text 400) when ``days_back``/``days_ahead`` are not numbers of days allowed."""
    try:
        return read_window(request.GET), None
    except ValueError as error:
        return None, HttpResponseBadRequest(f"{error}\n", content_type="text/plain; charset=utf-8")


#: The query parameters a feed reads (besides the window's): its cache key names these only.
FILTER_PARAMETERS = ("category", "organiser", "city", "month")


def feed_cache_key(request, window):
    """What a feed of this calendar depends on besides the content: its path, filters and window.

    Read from the query string as given, so that a cached feed (or a 304) is
    answered before the filters are checked against the calendar; a refused
    filter gives a 400, which is never kept.
    """
    filters = sorted((name, request.GET.get(name, "")[:255]) for name in FILTER_PARAMETERS if name in request.GET)
    return [request.path, filters, window.key]


class NoFilters:
    """The filters of a feed or calendar asked for without any: nothing to apply.

    The filter form checks each value against what the calendar offers (its
    aggregates over every upcoming event); a subscription to the whole
    calendar has no value to check, and does not pay for them.
    """

    month_error = None
    selected_month = None
    period = (None, None)

    def apply(self, events, month=None):
        return events


def feed_filters(request, index):
    """The filter form of a feed's query string, or :class:`NoFilters` when it names no filter."""
    if any(name in request.GET for name in FILTER_PARAMETERS):
        return EventFilterForm(request.GET, index)
    return NoFilters()


def index_ical(request, index):
    """The subscribable calendar: the events of the window (see :mod:`.windows`), or of the month asked for.

    Built once per content version and window, kept, and answered with 304
    when the subscriber already has it.
    """
    window, refused = refused_window(request)
    if refused:
        return refused

    def build():
        form = feed_filters(request, index)
        refused = refused_filter(form)
        if refused:
            return refused
        events = form.apply(index.events())
        if not form.selected_month:
            events = events.overlapping(window.start, window.end)
        rows = events.order_by("start", "pk").values(*EVENT_FIELDS)[:MAX_FEED_EVENTS]
        calendar = EventCalendar(name=index.title, host=index.get_site().hostname, request=request)
        return ics_response(calendar.write(rows), slugify(index.title) or "calendar")

    return cached_content_response(request, feed_cache_key(request, window), build, since=window.moment)


def event_ical(request, event):
    def build():
        calendar = EventCalendar(name=event.title, host=event.get_site().hostname, request=request)
        return ics_response(calendar.write([event_row(event)]), event.slug)

    return cached_content_response(request, [request.path], build)
