"""RSS and Atom feeds of a calendar's upcoming events, honouring its filters.

Items are ordered and dated by the occurrence they show: the next one of a
recurring event (within the month, when the feed is filtered by month). A feed
lists the upcoming events whose shown occurrence starts within the window's
coming days (:mod:`.windows`), is built once per content version and window,
and answers 304 to a reader that has it already.
"""

from django.utils.formats import date_format
from django.utils.functional import cached_property

from core.cache import cached_content_response
from core.feeds import AtomMixin, PageListingFeed
from core.plain_text import printable

from .filters import EventFilterForm
from .ical import event_uid
from .windows import MAX_FEED_EVENTS


class EventsRssFeed(PageListingFeed):
    def __call__(self, request, *args, **kwargs):
        from .views import feed_cache_key, refused_window

        self.window, refused = refused_window(request)
        if refused:
            return refused
        return cached_content_response(
            request,
            feed_cache_key(request, self.window),
            lambda: self.build(request, *args, **kwargs),
            since=self.window.moment,
        )

    def build(self, request, *args, **kwargs):
        from .views import refused_filter

        self.form = EventFilterForm(request.GET, self.page)
        return refused_filter(self.form) or super().__call__(request, *args, **kwargs)

    def get_items(self):
        events = self.form.apply(self.page.events()).upcoming(*self.form.period)
        if not self.form.selected_month:
            events = events.filter(shown_start__lt=self.window.end)
        return events.select_related("locale").prefetch_related("tags")

    def items(self):
        return self.get_items()[:MAX_FEED_EVENTS]

    def item_description(self, item):
        when = date_format(item.shown_occurrence.start, "DATETIME_FORMAT")
        place = ", ".join(printable(part) for part in (item.venue, item.city) if printable(part))
        summary = printable(item.summary, keep_line_breaks=True)
        return " — ".join(part for part in (when, place, summary) if part)

    @cached_property
    def host(self):
        return self.page.get_site().hostname

    def item_guid(self, item):
        return event_uid(item, self.host)

    item_guid_is_permalink = False

    def item_categories(self, item):
        return [printable(item.category_label)] + [printable(tag.name) for tag in item.tags.all()]


class EventsAtomFeed(AtomMixin, EventsRssFeed):
    pass
