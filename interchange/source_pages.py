"""What the importer keeps at hand of the pages it writes, and how it compares a page with a line.

Memory stays flat whatever the file's size: every id's source page is known
by its key, and only the most recently used ones are kept loaded.
"""

from collections import OrderedDict

#: Source pages (and their wagtail-localize records) the importer keeps at hand;
#: others are read again when needed, so memory does not grow with the file.
RECENTLY_USED = 256

#: Items of unchanged sources kept for their translations' comparison (a few kilobytes each):
#: a re-import of up to this many ids reads no source page twice; beyond it, some are read again.
SOURCE_ITEMS_AT_HAND = 10_000


class RecentlyUsed(OrderedDict):
    """A mapping that keeps only its ``size`` most recently used entries."""

    def __init__(self, size=None):
        super().__init__()
        self.size = size or RECENTLY_USED

    def remember(self, key, value):
        self[key] = value
        self.move_to_end(key)
        while len(self) > self.size:
            self.popitem(last=False)
        return value


class SourcePages:
    """``id -> source page``: every id's page is known by its primary key, the
    most recently used ones are kept loaded (translations follow their source
    closely in a file, so they are nearly always at hand)."""

    def __init__(self, size=None):
        self.keys = {}
        self.recent = RecentlyUsed(size)

    def __contains__(self, item_id):
        return item_id in self.keys

    def __setitem__(self, item_id, page):
        self.keys[item_id] = (type(page), page.pk)
        self.recent.remember(item_id, page)

    def __getitem__(self, item_id):
        page = self.recent.get(item_id)
        if page is None:
            model, pk = self.keys[item_id]
            page = model.objects.select_related("locale").get(pk=pk)
        return self.recent.remember(item_id, page)


def comparable(item):
    """An item reduced to what matters for "has it changed": no empty values, tags as a set."""
    reduced = {name: value for name, value in item.items() if value not in ("", None, [])}
    if "tags" in reduced:
        reduced["tags"] = sorted(reduced["tags"])
    return reduced
