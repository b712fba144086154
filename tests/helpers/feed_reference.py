"""The events' RSS and Atom feeds as Django's syndication framework writes them: the reference ``events.feeds`` must equal.

``events.feeds`` writes each item's XML itself (the framework's per-attribute
calls and its XML writer cost about seven hundred Python calls an item); this is
the framework path it replaced: the same rows, given to ``Feed.get_feed``
through the ``item_*`` methods, written by ``Rss201rev2Feed`` and ``Atom1Feed``,
the date by ``date_format``.
"""

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.formats import date_format
from django.utils.functional import cached_property

from core.page_urls import PageUrls
from core.plain_text import printable
from events.feeds import EventsRssFeed
from events.ical import event_uid
from events.models import EventCategory
from events.times import parse_time_zone


class ReferenceRssFeed(EventsRssFeed):
    feed_type = Rss201rev2Feed
    get_feed = Feed.get_feed

    def items(self):
        return self.rows()

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


class ReferenceAtomFeed(ReferenceRssFeed):
    feed_type = Atom1Feed
