"""Items of pages read as rows (``values()``), without building the pages.

Building page instances (Wagtail's and modelcluster's ``__init__``, a body's
blocks) was most of what an export and a re-import's comparison cost. An
item needs only columns: the page's own, the stored JSON of its body, and
what an :class:`~interchange.item_context.ItemContext` reads for a batch
(tags, references, parents, restrictions). :func:`row_item` assembles the
item with the functions :func:`~interchange.exporter.page_item` uses
(:mod:`interchange.item_values`), so that both give the same bytes
(``tests/interchange/test_page_rows.py``). Only an item that is a newer
revision's content needs the page itself; :func:`needs_revision` tells which.
"""

from django.db.models import F, TextField
from django.db.models.functions import Cast

from core.registry import FieldKind, content_types

from .item_values import generated_id, is_live_at, item_of, parent_id_of, source_fields_of, status_for

#: The columns of every page that an item reads.
COMMON_COLUMNS = (
    "pk",
    "path",
    "depth",
    "translation_key",
    "locale_id",
    "external_id",
    "title",
    "slug",
    "summary",
    "live",
    "expire_at",
    "has_unpublished_changes",
    "latest_revision_id",
)

#: The model field that keeps the zone of a type's ``DATETIME`` fields (read by the page's ``tzinfo``).
TIME_ZONE_COLUMN = "time_zone"


class PageRow:
    """A page's columns as attributes, and the page model's properties computed from them."""

    def __init__(self, model, values):
        self.model = model
        self.__dict__.update(values)

    @property
    def _meta(self):
        # What a comparison asks of the page's model (a field's default), as it would of the page.
        return self.model._meta

    def __getattr__(self, name):
        # A property of the model reads the row's columns as it would the page's (an event's ``tzinfo``).
        attribute = getattr(self.model, name, None)
        if isinstance(attribute, property):
            return attribute.fget(self)
        raise AttributeError(name)


def page_model(page):
    """The page model of ``page``, a page instance or a :class:`PageRow`."""
    return page.model if isinstance(page, PageRow) else type(page)


def columns_of(model):
    """The columns of ``model``'s pages that their items read (references aside: the context reads them)."""
    columns = list(COMMON_COLUMNS)
    for field in content_types().for_model(model).import_fields:
        if field.kind in (FieldKind.REFERENCE, FieldKind.REFERENCES):
            continue
        columns.append(field.model_field or field.name)
        if field.date_field:
            columns.append(field.date_field)
        if field.kind == FieldKind.DATETIME and TIME_ZONE_COLUMN not in columns:
            columns.append(TIME_ZONE_COLUMN)
    return columns


def rows_of(model, queryset):
    """The :class:`PageRow` of each page of ``queryset`` (of ``model``), in its order.

    The body is read as its stored JSON text and made a StreamField value by the
    field itself (what its ``from_db_value`` does, without building a ``JSONField``
    for every row, as Wagtail's does).
    """
    body = model._meta.get_field("body")
    values = queryset.values(
        *columns_of(model), language_code=F("locale__language_code"), body_text=Cast("body", TextField())
    )
    rows = []
    for row in values:
        row["body"] = body.to_python(row.pop("body_text"))
        rows.append(PageRow(model, row))
    return rows


def read_rows(model, pks):
    """The rows of ``model``'s pages ``pks``, in that order (one query)."""
    rows = {row.pk: row for row in rows_of(model, model.objects.filter(pk__in=pks))}
    return [rows[pk] for pk in pks]


def needs_revision(row, latest, now):
    """Whether the item of the row's page is its latest revision's content rather than its row's.

    What :func:`~interchange.exporter.page_item` asks: the latest content (``latest``), or
    what is live when the page is live, and a revision newer than the row is there.
    """
    wants_revision = latest or not is_live_at(row.live, row.expire_at, now)
    return bool(wants_revision and row.has_unpublished_changes and row.latest_revision_id)


def row_item(row, *, is_source=True, context):
    """The item of the page of ``row`` as its row has it: :func:`~interchange.exporter.page_item`
    of that page when not :func:`needs_revision`. ``context``: an
    :class:`~interchange.item_context.ItemContext` of a batch of rows holding ``row``."""
    entry = content_types().for_model(row.model)
    source_fields = None
    if is_source:
        source_fields = source_fields_of(
            row,
            entry,
            status=status_for(row.live, context.is_restricted(row)),
            parent_id=parent_id_of(context.parent_of(row)),
            linked_ids=context.references_of,
        )
    return item_of(
        row,
        entry,
        item_id=generated_id(entry.name, row.external_id, row.translation_key),
        language_code=row.language_code,
        tags=context.tags_of(row),
        source_fields=source_fields,
    )
