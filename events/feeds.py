"""RSS and Atom feeds of a calendar's upcoming events, honouring its filters."""

from django.utils.formats import date_format
from django.utils.functional import cached_property

from listings.feeds import AtomMixin, PageListingFeed

from .filters import EventFilterForm
from .ical import event_uid


class EventsRssFeed(PageListingFeed):
    def get_items(self):
        form = EventFilterForm(self.request.GET, self.page)
        return form.apply(self.page.events()).upcoming().select_related("locale").prefetch_related("tags")

    def item_description(self, item):
        when = date_format(item.local_start, "DATETIME_FORMAT")
        place = ", ".join(part for part in (item.venue, item.city) if part)
        return " — ".join(part for part in (when, place, item.summary) if part)

    @cached_property
    def host(self):
        return self.page.get_site().hostname

    def item_guid(self, item):
        return event_uid(item, self.host)

    item_guid_is_permalink = False

    def item_categories(self, item):
        return [str(item.get_category_display())] + [tag.name for tag in item.tags.all()]


class EventsAtomFeed(AtomMixin, EventsRssFeed):
    pass
