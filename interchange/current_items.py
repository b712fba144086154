"""What the pages of a batch of lines export now, read in bulk for the importer's comparison.

A re-import skips a line whose page already exports what the line asks for.
Reading each page and its item one line at a time is several queries a line;
here a batch of lines costs one query per model for the pages and
:func:`~interchange.exporter.page_items`'s few queries for their items.

The pages are fresh copies, separate from the ones the importer writes: the
relations read in bulk are kept on them, and would be stale once a changed
line is applied.
"""

from collections import defaultdict

from .exporter import page_items


def _items_of(pages):
    return dict(zip((page.pk for page in pages), zip(pages, page_items(pages), strict=True), strict=True))


def current_source_items(keys):
    """``{pk: (page, item)}`` for the ``(model, pk)`` pairs in ``keys``."""
    by_model = defaultdict(list)
    for model, pk in keys:
        by_model[model].append(pk)
    if not by_model:
        return {}
    pages = [
        page
        for model, pks in by_model.items()
        for page in model.objects.select_related("locale").filter(pk__in=pks).order_by("pk")
    ]
    return _items_of(pages)


def current_translation_items(wanted):
    """``{(translation key, locale id): (page, item)}`` for the translations that exist among
    ``wanted``, ``(model, translation key, locale id)`` triples."""
    by_model = defaultdict(set)
    for model, key, locale_id in wanted:
        by_model[model].add((key, locale_id))
    found = {}
    for model, pairs in by_model.items():
        pages = model.objects.select_related("locale").filter(
            translation_key__in={key for key, _locale in pairs},
            locale_id__in={locale for _key, locale in pairs},
        )
        pages = [page for page in pages.order_by("pk") if (page.translation_key, page.locale_id) in pairs]
        for page, item in _items_of(pages).values():
            found[page.translation_key, page.locale_id] = (page, item)
    return found


#: Lines compared per batch: the pages and items of one batch are in memory at once.
ITEM_BATCH = 200


def batches(rows, size=ITEM_BATCH):
    """Lists of up to ``size`` consecutive ``rows``."""
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
