"""RSS and Atom feeds of a calendar's upcoming events, honouring its filters.

Items are ordered and dated by the occurrence they show: the next one of a
recurring event (within the month, when the feed is filtered by month).
"""

from django.utils.formats import date_format
from django.utils.functional import cached_property

from core.plain_text import printable
from listings.feeds import AtomMixin, PageListingFeed

from .filters import EventFilterForm
from .ical import event_uid


class EventsRssFeed(PageListingFeed):
    def __call__(self, request, *args, **kwargs):
        from .views import refused_filter

        self.form = EventFilterForm(request.GET, self.page)
        return refused_filter(self.form) or super().__call__(request, *args, **kwargs)

    def get_items(self):
        return (
            self.form.apply(self.page.events())
            .upcoming(*self.form.period)
            .select_related("locale")
            .prefetch_related("tags")
        )

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
        return [printable(item.get_category_display())] + [printable(tag.name) for tag in item.tags.all()]


class EventsAtomFeed(AtomMixin, EventsRssFeed):
    pass
