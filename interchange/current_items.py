"""What the pages of a batch of lines export now, read in bulk for the importer's comparison.

A re-import skips a line whose page already exports what the line asks for.
Reading each page and its item one line at a time is several queries a line;
here a batch of lines costs one query per model for the pages' rows and
:func:`~interchange.exporter.row_items`'s few queries for their items.

What is returned for each page is its row (:class:`~interchange.page_rows.PageRow`:
its key, slug and translation key, what the comparison reads), separate from
the pages the importer writes, which it reads when a line needs it.
"""

from collections import defaultdict

from .exporter import row_items
from .page_rows import rows_of


def _items_of(rows):
    return {row.pk: (row, item) for row, item in zip(rows, row_items(rows), strict=True)}


def current_source_items(keys):
    """``{pk: (row, item)}`` for the ``(model, pk)`` pairs in ``keys``."""
    by_model = defaultdict(list)
    for model, pk in keys:
        by_model[model].append(pk)
    if not by_model:
        return {}
    rows = [
        row
        for model, pks in by_model.items()
        for row in rows_of(model, model.objects.filter(pk__in=pks).order_by("pk"))
    ]
    return _items_of(rows)


def current_translation_items(wanted):
    """``{(translation key, locale id): (row, item)}`` for the translations that exist among
    ``wanted``, ``(model, translation key, locale id)`` triples."""
    by_model = defaultdict(set)
    for model, key, locale_id in wanted:
        by_model[model].add((key, locale_id))
    found = {}
    for model, pairs in by_model.items():
        rows = rows_of(
            model,
            model.objects.filter(
                translation_key__in={key for key, _locale in pairs},
                locale_id__in={locale for _key, locale in pairs},
            ).order_by("pk"),
        )
        rows = [row for row in rows if (row.translation_key, row.locale_id) in pairs]
        for row, item in _items_of(rows).values():
            found[row.translation_key, row.locale_id] = (row, item)
    return found


#: Lines compared per batch: the rows and items of one batch are in memory at once (a few megabytes);
#: each batch costs a few queries per type, whose building is much of a small batch's time.
ITEM_BATCH = 1000


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
