"""The base of the site's RSS 2.0 and Atom feeds of page listings (Django syndication).

A feed is built for one listing page (the events calendar, a collection) and
one request, so that it follows the page's language and the request's filters.
Every text goes through :func:`core.plain_text.printable`: XML 1.0 cannot
carry control characters, and one stored in a title must not break the feed.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from core.plain_text import printable

FEED_LENGTH = 50


class PageListingFeed(Feed):
    """Base feed: subclasses give ``get_items()`` (visible pages only)."""

    feed_type = Rss201rev2Feed

    def __init__(self, page):
        super().__init__()
        self.page = page
        self.request = None

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_items(self):
        raise NotImplementedError

    def items(self):
        return self.get_items()[:FEED_LENGTH]

    def title(self):
        return printable(self.page.title)

    def link(self):
        return self.page.get_url(self.request)

    def description(self):
        return printable(self.page.summary, keep_line_breaks=True) or printable(self.page.title)

    def subtitle(self):
        return self.description()

    @property
    def language(self):
        return self.page.locale.language_code

    def item_title(self, item):
        return printable(item.title)

    def item_description(self, item):
        return printable(item.summary, keep_line_breaks=True)

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [printable(tag.name) for tag in item.tags.all()]


class AtomMixin:
    feed_type = Atom1Feed
