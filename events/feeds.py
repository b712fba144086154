"""RSS and Atom feeds of a calendar's upcoming events, honouring its filters.

Items are ordered and dated by the occurrence they show: the next one of a
recurring event (within the month, when the feed is filtered by month). A feed
lists the upcoming events whose shown occurrence starts within the window's
coming days (:mod:`.windows`), is built once per content version and window,
and answers 304 to a reader that has it already.

A year's window holds hundreds of events: they are read as rows of the fields
an item shows (:data:`ITEM_FIELDS`), their tags in one query, and their links
from each page's ``url_path`` and its site root's URL, worked out once
(:class:`core.page_urls.PageUrls`), instead of as pages asked one by one. The
syndication framework writes the channel; each item is written from its row
as the framework would write it (:mod:`core.feed_items`), and its date with
the language's format split once (:class:`core.date_formats.KeptDateFormat`).
"""

from collections import defaultdict

from django.contrib.sites.shortcuts import get_current_site

from core.cache import cached_content_response
from core.date_formats import KeptDateFormat
from core.feed_items import ItemLinks, WrittenAtomFeed, WrittenRssFeed
from core.feeds import PageListingFeed
from core.models import PageTag
from core.page_urls import PageUrls
from core.plain_text import printable

from .ical import event_uid
from .models import EventCategory
from .times import parse_time_zone
from .windows import MAX_FEED_EVENTS

#: What an item shows of an event, read as a row (``shown_start``: the occurrence listed).
ITEM_FIELDS = (
    "pk",
    "title",
    "summary",
    "translation_key",
    "locale__language_code",
    "url_path",
    "time_zone",
    "venue",
    "city",
    "category",
    "first_published_at",
    "last_published_at",
    "shown_start",
)


class EventsRssFeed(PageListingFeed):
    feed_type = WrittenRssFeed

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
        from .views import feed_filters, refused_filter

        self.form = feed_filters(request, self.page)
        return refused_filter(self.form) or super().__call__(request, *args, **kwargs)

    def get_items(self):
        events = self.form.apply(self.page.events()).upcoming(*self.form.period)
        if not self.form.selected_month:
            events = events.filter(shown_start__lt=self.window.end)
        return events

    def items(self):
        """Nothing for the framework to ask item by item: :meth:`get_feed` writes the items from :meth:`rows`."""
        return ()

    def rows(self):
        rows = list(self.get_items().values(*ITEM_FIELDS)[:MAX_FEED_EVENTS])
        tags = defaultdict(list)
        # By the page's own id (``pk``, the join trimmed): the same SQL, each id prepared as a plain integer,
        # not as a relation's value; a subquery repeating the window's query instead costs more SQL than that.
        for page_id, name in (
            PageTag.objects.filter(content_object__pk__in=[row["pk"] for row in rows])
            .order_by("tag__name")
            .values_list("content_object_id", "tag__name")
        ):
            tags[page_id].append(printable(name))
        for row in rows:
            row["tags"] = tags[row["pk"]]
        return rows

    def get_feed(self, obj, request):
        """The framework's channel, then an item for each row (what the framework's ``item_*`` methods would give)."""
        feed = super().get_feed(obj, request)
        links = ItemLinks(get_current_site(request).domain, request.is_secure())
        page_urls = PageUrls(request)
        host = self.page.get_site().hostname
        labels = {value: printable(label) for value, label in EventCategory.choices}
        written_date = KeptDateFormat("DATETIME_FORMAT")
        zones = {}
        for row in self.rows():
            zone = zones.get(row["time_zone"])
            if zone is None:
                zone = zones[row["time_zone"]] = parse_time_zone(row["time_zone"])
            feed.add_row(
                title=printable(row["title"]),
                link=links(page_urls.url(row["url_path"])),
                description=description_of(row, written_date(row["shown_start"].astimezone(zone))),
                guid=event_uid(row["translation_key"], row["locale__language_code"], host),
                guid_is_permalink=False,
                pubdate=row["first_published_at"],
                updateddate=row["last_published_at"],
                categories=[labels.get(row["category"], row["category"]), *row["tags"]],
            )
        return feed


def description_of(row, when):
    """When (the shown occurrence, written in the event's zone), where and what."""
    place = ", ".join(filter(None, (printable(row["venue"]), printable(row["city"]))))
    return " — ".join(filter(None, (when, place, printable(row["summary"], keep_line_breaks=True))))


class EventsAtomFeed(EventsRssFeed):
    feed_type = WrittenAtomFeed
