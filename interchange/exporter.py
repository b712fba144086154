"""Write the site's content in the interchange format (``docs/content-format.md``).

:func:`page_item` is also the importer's yardstick: a line is applied only when
the page's current item differs from what the line asks for, which is what
makes a re-import change nothing.

Canonical form, so that exporting an import gives the same items back: empty
fields are left out, ``status`` only when not ``live``, ``slug`` only when it is
not the one derived from the title; ``kind``, ``category`` and a jubilee's
``anniversary`` (derived at import when absent) are always written; a
translation leaves out the fields that show its source's text for want of a
translation (wagtail-localize's fallback). Only
paragraph blocks of a body are exported (headings, images and embeds added in
the admin have no place in the format). Pages made in the admin, without an
``external_id``, get an id generated from their translation key.

What is exported: by default, what is live, as it is live (the page's
published content, never a draft or a scheduled revision waiting for its
date); pages restricted to some visitors are included, as ``private`` (the
export is an administrator's tool, and a re-import keeps them restricted);
pages never published, unpublished or past their expiry date are left out,
with their translations. With ``drafts=True`` those are written too, with
their latest revision's content and ``"status": "draft"``. The pending
changes of a live page are never exported: its line holds what is live.
"""

import json
from collections import defaultdict
from itertools import groupby
from operator import itemgetter

from django.utils import timezone
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, TranslationSource

from core.registry import FieldKind, content_types
from localisation.slugs import slug_from_title

from .collector import old_objects_set_aside
from .item_context import ItemContext, link_field
from .item_values import (
    fallback_values_of,
    is_live_at,
    item_of,
    paragraph_texts,
    parent_id_of,
    source_fields_of,
    status_for,
)
from .page_rows import needs_revision, page_model, read_rows, row_item, rows_of
from .pages import external_id_of


def paragraphs_of(page):
    """The plain text of the page's paragraph blocks."""
    return paragraph_texts(page.body)


def is_exported_live(page, now=None):
    """Live and not past its expiry date (which ``publish_scheduled`` may not have applied yet)."""
    return is_live_at(page.live, page.expire_at, now or timezone.now())


def status_of(page):
    """The page's own status, as the importer sets it."""
    if not page.live:
        return "draft"
    return status_for(page.live, page.view_restrictions.exists())


def _exported(item, page, now, context=None):
    """``item`` with the status a visitor meets: an expired page is not live, and a
    restriction on an ancestor hides the page as well as one on the page itself.
    ``page``: a page or, with ``context``, its row."""
    if not is_exported_live(page, now):
        item["status"] = "draft"
    elif item.get("status") == "live" and (
        context.is_hidden_by_restriction(page) if context else page.get_view_restrictions().exists()
    ):
        item["status"] = "private"
    return compact(item)


def _linked_ids(page, field):
    """The id (or ids) a reference ``field`` of ``page`` names, read through the page's relations."""
    if field.kind == FieldKind.REFERENCES:
        name = link_field(type(page), field).name
        return [external_id_of(getattr(link, name)) for link in getattr(page, field.relation).all()]
    linked = getattr(page, field.model_field or field.name)
    return external_id_of(linked) if linked is not None else None


def page_item(page, *, is_source=True, latest=True, context=None):
    """The full interchange item of ``page``: its latest revision's content, or with
    ``latest=False`` what is live (the page's own row) when the page is live.

    ``slug`` and ``status`` are always present here; :func:`compact` drops them
    when they hold the default. ``context`` (an :class:`~interchange.item_context.ItemContext`
    of a batch holding ``page``) answers the parent, restriction, tag and reference questions
    without a query; :func:`page_items` provides it.
    """
    live_page = page
    wants_revision = latest or not is_exported_live(page)
    if wants_revision and page.has_unpublished_changes and page.latest_revision_id:
        page = page.get_latest_revision_as_object()
    entry = content_types().for_model(type(page))
    own_row = context is not None and page is live_page
    return item_of(
        page,
        entry,
        item_id=external_id_of(live_page),
        language_code=live_page.locale.language_code,
        tags=context.tags_of(page) if own_row else _tag_names_of(page),
        source_fields=_source_fields(page, live_page, entry, context) if is_source else None,
    )


def _tag_names_of(page):
    return [tag.name for tag in page.tags.all()]


def _source_fields(page, live_page, entry, context=None):
    if context is None:
        status, parent = status_of(live_page), live_page.get_parent()
    else:
        status, parent = status_for(live_page.live, context.is_restricted(live_page)), context.parent_of(live_page)
    # A revision's references are its own, not the row's.
    linked_ids = context.references_of if context is not None and page is live_page else _linked_ids
    return source_fields_of(page, entry, status=status, parent_id=parent_id_of(parent), linked_ids=linked_ids)


def page_items(pages, *, is_source=True, latest=True):
    """:func:`page_item` of each of ``pages`` (specific pages), in their order, reading
    each related table once for all of them rather than once per page."""
    pages = list(pages)
    context = ItemContext(pages, is_source=is_source)
    for page in pages:
        yield page_item(page, is_source=is_source, latest=latest, context=context)


def row_items(rows, *, is_source=True, latest=True, context=None):
    """:func:`page_item` of the page of each of ``rows`` (:class:`~interchange.page_rows.PageRow`),
    in their order: from the row itself, and from the page only when its item is a newer revision's.
    ``context``: an :class:`~interchange.item_context.ItemContext` of ``rows``, when already read."""
    rows = list(rows)
    context = context or ItemContext(rows, is_source=is_source)
    now = timezone.now()
    revised = {}
    for row in rows:
        if needs_revision(row, latest, now):
            revised.setdefault(page_model(row), []).append(row.pk)
    pages = {}
    for model, pks in revised.items():
        pages.update(model.objects.select_related("locale").in_bulk(pks))
    for row in rows:
        page = pages.get(row.pk)
        if page is None:
            yield row_item(row, is_source=is_source, context=context)
        else:
            yield page_item(page, is_source=is_source, latest=latest, context=context)


def compact(item):
    """The item as written to a file: defaults left out."""
    item = dict(item)
    if item.get("status") == "live":
        del item["status"]
    if item.get("slug") == slug_from_title(item["title"]):
        del item["slug"]
    return item


def _source_locales():
    """translation key -> language code of the locale wagtail-localize translates it from."""
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    return {
        str(object_id): codes[locale_id]
        for object_id, locale_id in TranslationSource.objects.values_list("object_id", "locale_id")
    }


def export_items(drafts=False):
    """Every live page of the interchange types (all, with ``drafts``) as a compact item:
    sources first, then translations.

    Items are made from the pages' rows (:func:`row_items`), a batch at a time:
    a page is built only when its item is a newer revision's content.
    """
    source_locales = _source_locales()
    translations = []
    seen_keys = set()
    left_out_keys = set()  # sources not exported: their translations could not be imported alone
    now = timezone.now()
    batch = []  # keys of sources of one model, in tree order

    def written_batch(model):
        rows = read_rows(model, batch)
        batch.clear()
        context = ItemContext(rows)
        items = row_items(rows, latest=drafts, context=context)
        return [_exported(item, row, now, context) for row, item in zip(rows, items, strict=True)]

    columns = ("pk", "translation_key", "locale__language_code", "live", "expire_at")
    for model in content_types().models():
        # Which pages are exported, and which are sources, is told from their rows: items are made per batch.
        for pk, key, language_code, live, expire_at in model.objects.order_by("path").values_list(*columns):
            key = str(key)
            is_source = source_locales.get(key, language_code) == language_code
            if not drafts and not is_live_at(live, expire_at, now):
                if is_source:
                    left_out_keys.add(key)
                continue
            if is_source and key not in seen_keys:
                seen_keys.add(key)
                batch.append(pk)
                if len(batch) >= EXPORT_CHUNK:
                    yield from written_batch(model)
            else:
                translations.append((model, pk, key))
        if batch:
            yield from written_batch(model)
    translations = [(model, pk) for model, pk, key in translations if key not in left_out_keys]
    locale_ids = dict(Locale.objects.values_list("language_code", "pk"))
    for model, pks in _runs_of_chunks(translations):
        yield from _translation_chunk(model, pks, source_locales, locale_ids, drafts)


def _translation_chunk(model, pks, source_locales, locale_ids, drafts):
    """The compact items of the translations ``pks`` of ``model``, with their sources and
    recorded translations read in a few queries."""
    rows = read_rows(model, pks)
    source_locale = {row.pk: locale_ids[source_locales[str(row.translation_key)]] for row in rows}
    keys = {row.translation_key for row in rows}
    # A source's texts: what a translation shows for want of its own (without_fallbacks).
    sources = {
        (source.translation_key, source.locale_id): source
        for source in rows_of(
            model, model.objects.filter(translation_key__in=keys, locale_id__in=set(source_locale.values()))
        )
    }
    entry = content_types().for_model(model)
    fallbacks = {}  # source pk -> its texts, shared by its translations
    items = []
    for row, item in zip(rows, row_items(rows, is_source=False, latest=drafts), strict=True):
        source = sources[(row.translation_key, source_locale[row.pk])]
        if source.pk not in fallbacks:
            fallbacks[source.pk] = fallback_values_of(source, entry)
        items.append((row, item, source, fallbacks[source.pk]))
    # Whether a field is translated matters only where the translation shows its source's text.
    showing_source = {row.translation_key for row, item, _source, texts in items if _shows_source(item, texts)}
    translated = _translated_fields(showing_source) if showing_source else defaultdict(set)
    return [
        compact(without_fallbacks(item, source, translated[(row.translation_key, row.locale_id)], texts))
        for row, item, source, texts in items
    ]


def _shows_source(item, source_values):
    """Whether a field of the translation ``item`` holds its source's text (``source_values``)."""
    return any(name in source_values and value == source_values[name] for name, value in item.items())


#: Pages exported per batch (sources) or chunk (translations): a few queries each, whatever the site's size,
#: and the rows and items of one batch in memory at once (a few megabytes).
EXPORT_CHUNK = 1000


def _runs_of_chunks(rows, size=EXPORT_CHUNK):
    """``(model, [pk, ...])`` for consecutive ``(model, pk)`` rows of one model, at most ``size`` at once, in order."""
    for model, run in groupby(rows, key=itemgetter(0)):
        pks = [pk for _model, pk in run]
        for start in range(0, len(pks), size):
            yield model, pks[start : start + size]


def _translated_fields(translation_keys):
    """``{(translation key, locale id): {field name, ...}}``: the fields with a recorded translation."""
    translated = defaultdict(set)
    rows = StringTranslation.objects.filter(context__object_id__in=translation_keys).values_list(
        "context__object_id", "locale_id", "context__path"
    )
    for key, locale_id, path in rows:
        translated[key, locale_id].add(path.partition(".")[0])
    return translated


def fallback_values(source, item_type):
    """The texts of ``source`` (a page of ``item_type``, or its row) that a translation shows where it has none."""
    return fallback_values_of(source, content_types().get(item_type))


def without_fallbacks(item, source, translated, source_values=None):
    """The translation ``item`` without the fields that only show the source's text.

    wagtail-localize fills a segment nobody translated with the source's text. A
    translation line that left out ``summary`` must export without it, or a
    re-import would store the source's words as the translation. A field is
    left out when its text is the source's and no translation of it is
    recorded in ``translated`` (a translator may keep a name as it is: that is
    a translation). ``source_values``: :func:`fallback_values` of ``source``, when already known.
    """
    source_values = source_values or fallback_values(source, item["type"])
    return {
        name: value
        for name, value in item.items()
        if name not in source_values or name in translated or value != source_values[name]
    }


@old_objects_set_aside()
def export_to(stream, drafts=False, progress=None):
    """Write every item (see :func:`export_items`) as a JSON line to the text ``stream``; return how many.

    ``progress`` (a :class:`core.progress.Progress`), when given, counts the items written.
    """
    count = 0
    for item in export_items(drafts=drafts):
        stream.write(json.dumps(item, ensure_ascii=False) + "\n")
        count += 1
        if progress is not None:
            progress.advance()
    return count
