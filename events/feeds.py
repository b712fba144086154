"""RSS and Atom feeds of a calendar's upcoming events, honouring its filters.

Items are ordered and dated by the occurrence they show: the next one of a
recurring event (within the month, when the feed is filtered by month). A feed
lists the upcoming events whose shown occurrence starts within the window's
coming days (:mod:`.windows`), is built once per content version and window,
and answers 304 to a reader that has it already.

A year's window holds hundreds of events: they are read as rows of the fields
an item shows (:data:`ITEM_FIELDS`), their tags in one query, and their links
from each page's ``url_path`` and its site root's URL, worked out once
(:class:`core.page_urls.PageUrls`), instead of as pages asked one by one.
"""

from collections import defaultdict

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property

from core.cache import cached_content_response
from core.feeds import AtomMixin, PageListingFeed
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
        rows = list(self.get_items().values(*ITEM_FIELDS)[:MAX_FEED_EVENTS])
        tags = defaultdict(list)
        for page_id, name in (
            PageTag.objects.filter(content_object_id__in=[row["pk"] for row in rows])
            .order_by("tag__name")
            .values_list("content_object_id", "tag__name")
        ):
            tags[page_id].append(printable(name))
        for row in rows:
            row["tags"] = tags[row["pk"]]
        return rows

    @cached_property
    def page_urls(self):
        return PageUrls(self.request)

    @cached_property
    def category_labels(self):
        return {value: printable(label) for value, label in EventCategory.choices}

    def item_title(self, item):
        return printable(item["title"])

    def item_link(self, item):
        return self.page_urls.url(item["url_path"])

    def item_description(self, item):
        when = date_format(
            timezone.localtime(item["shown_start"], parse_time_zone(item["time_zone"])), "DATETIME_FORMAT"
        )
        place = ", ".join(printable(part) for part in (item["venue"], item["city"]) if printable(part))
        summary = printable(item["summary"], keep_line_breaks=True)
        return " — ".join(part for part in (when, place, summary) if part)

    def item_pubdate(self, item):
        return item["first_published_at"]

    def item_updateddate(self, item):
        return item["last_published_at"]

    @cached_property
    def host(self):
        return self.page.get_site().hostname

    def item_guid(self, item):
        return event_uid(item["translation_key"], item["locale__language_code"], self.host)

    item_guid_is_permalink = False

    def item_categories(self, item):
        label = self.category_labels.get(item["category"], item["category"])
        return [label, *item["tags"]]


class EventsAtomFeed(AtomMixin, EventsRssFeed):
    pass
