"""RSS and Atom feeds of a collection: the pages it gathers (base in :mod:`core.feeds`)."""

from core.feeds import AtomMixin, PageListingFeed


class CollectionRssFeed(PageListingFeed):
    def get_items(self):
        # Tags read for all items at once, not one query per item.
        return self.page.get_matching_pages().specific().prefetch_related("tags")


class CollectionAtomFeed(AtomMixin, CollectionRssFeed):
    pass
