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

import datetime
import html as html_module
import json
import re
import zoneinfo
from collections import defaultdict
from itertools import groupby
from operator import itemgetter

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, TranslationSource

from core.registry import FieldKind, content_types
from localisation.slugs import slug_from_title

from .item_context import ItemContext, link_field
from .pages import external_id_of, is_interchange_model, type_of


def tag_order(name):
    """Tags are written in alphabetical order, the same on every database (whose collations differ)."""
    return name.casefold(), name


def paragraphs_of(page):
    """The plain text of the page's paragraph blocks."""
    texts = []
    for block in page.body or []:
        if block.block_type == "paragraph":
            texts.append(_html_to_text(block.value.source))
    return texts


#: A paragraph with no markup and no character reference inside: its text is what lies between the tags.
PLAIN_PARAGRAPH = re.compile(r"<p>([^<&]*)</p>")


def _html_to_text(html):
    plain = PLAIN_PARAGRAPH.fullmatch(html)
    if plain:
        # What strip_tags and unescape give such a paragraph, without an HTML parser per paragraph.
        return plain[1]
    return html_module.unescape(strip_tags(html))


def is_exported_live(page, now=None):
    """Live and not past its expiry date (which ``publish_scheduled`` may not have applied yet)."""
    return _is_live(page.live, page.expire_at, now or timezone.now())


def _is_live(live, expire_at, now):
    return live and (expire_at is None or expire_at > now)


def status_of(page):
    """The page's own status, as the importer sets it."""
    if not page.live:
        return "draft"
    return "private" if page.view_restrictions.exists() else "live"


def _exported(item, page, now, context=None):
    """``item`` with the status a visitor meets: an expired page is not live, and a
    restriction on an ancestor hides the page as well as one on the page itself."""
    if not is_exported_live(page, now):
        item["status"] = "draft"
    elif item.get("status") == "live" and (
        context.is_hidden_by_restriction(page) if context else page.get_view_restrictions().exists()
    ):
        item["status"] = "private"
    return compact(item)


def time_zone_for(start, end):
    """What ``EventPage.time_zone`` keeps for times announced with these offsets.

    The site's zone name when both offsets are that zone's at those instants (so
    summer and winter times both come back right), else the fixed offset of the start.
    """
    site_zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    if all(moment.utcoffset() == moment.astimezone(site_zone).utcoffset() for moment in (start, end)):
        return settings.TIME_ZONE
    minutes = int(start.utcoffset().total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def tzinfo_for(start, end):
    """The zone :func:`time_zone_for` names, as a ``tzinfo``: the site's, or the start's fixed offset."""
    zone = time_zone_for(start, end)
    if zone == settings.TIME_ZONE:
        return zoneinfo.ZoneInfo(zone)
    return datetime.timezone(datetime.timedelta(minutes=int(start.utcoffset().total_seconds() // 60)))


def format_datetime(moment, tzinfo):
    return moment.astimezone(tzinfo).isoformat(timespec="seconds")


def _linked_pages(page, field):
    """The pages a ``REFERENCES`` field's relation links ``page`` to, in their order."""
    name = link_field(type(page), field).name
    return [getattr(link, name) for link in getattr(page, field.relation).all()]


def _value_of(page, field, context=None):
    """The item's value of a type's ``field`` on ``page`` (empty values are dropped by the caller).

    ``context``, when given, holds the references of ``page`` as its row has them.
    """
    if context is not None and field.kind in (FieldKind.REFERENCE, FieldKind.REFERENCES):
        return context.references_of(page, field)
    value = getattr(page, field.model_field or field.name) if field.kind != FieldKind.REFERENCES else None
    if field.kind == FieldKind.REFERENCES:
        return [external_id_of(linked) for linked in _linked_pages(page, field)]
    if field.kind == FieldKind.REFERENCE:
        return external_id_of(value) if value is not None else None
    if field.kind == FieldKind.YEAR_OR_DATE:
        full_date = getattr(page, field.date_field)
        # ``YYYY``: four digits, as the format reads it, also for the years before 1000.
        return full_date.isoformat() if full_date else (f"{value:04d}" if value else None)
    if field.kind == FieldKind.DATE:
        return value.isoformat() if isinstance(value, datetime.date) else value
    if field.kind == FieldKind.DATETIME:
        return format_datetime(value, page.tzinfo)
    if field.kind == FieldKind.COUNTRY:
        return str(value or "")
    if field.kind in (FieldKind.URL, FieldKind.EMAIL):
        return value or None
    return value


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
    item_type = type_of(page)
    entry = content_types().get(item_type)
    item = {
        "id": external_id_of(live_page),
        "type": item_type,
        "locale": live_page.locale.language_code,
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "body": paragraphs_of(page),
        "tags": sorted(context.tags_of(page) if context and page is live_page else _tag_names_of(page), key=tag_order),
    }
    for field in entry.import_fields:
        if field.translatable:
            item[field.name] = _value_of(page, field)
    if is_source:
        item.update(_source_fields(page, live_page, entry, context))
    return {name: value for name, value in item.items() if value not in ("", None, [])}


def _tag_names_of(page):
    return [tag.name for tag in page.tags.all()]


def _source_fields(page, live_page, entry, context=None):
    if context is None:
        fields = {"status": status_of(live_page)}
        parent = live_page.get_parent()
    else:
        restricted = context.is_restricted(live_page)
        fields = {"status": ("private" if restricted else "live") if live_page.live else "draft"}
        parent = context.parent_of(live_page)
    if is_interchange_model(parent.specific_class):
        fields["parent"] = external_id_of(parent.specific)
    for field in entry.import_fields:
        if not field.translatable:
            # A revision's references are its own, not the row's.
            fields[field.name] = _value_of(page, field, context if page is live_page else None)
    return fields


def page_items(pages, *, is_source=True, latest=True):
    """:func:`page_item` of each of ``pages`` (specific pages), in their order, reading
    each related table once for all of them rather than once per page."""
    pages = list(pages)
    context = ItemContext(pages, is_source=is_source)
    for page in pages:
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
    sources first, then translations."""
    source_locales = _source_locales()
    translations = []
    seen_keys = set()
    left_out_keys = set()  # sources not exported: their translations could not be imported alone
    now = timezone.now()
    batch = []  # keys of sources of one model, in tree order

    def written_batch(model):
        pages = model.objects.select_related("locale").in_bulk(batch)
        pages = [pages[pk] for pk in batch]
        batch.clear()
        context = ItemContext(pages)
        return [_exported(page_item(page, latest=drafts, context=context), page, now, context) for page in pages]

    columns = ("pk", "translation_key", "locale__language_code", "live", "expire_at")
    for model in content_types().models():
        # Which pages are exported, and which are sources, is told from their rows: pages are built per batch.
        for pk, key, language_code, live, expire_at in model.objects.order_by("path").values_list(*columns):
            key = str(key)
            is_source = source_locales.get(key, language_code) == language_code
            if not drafts and not _is_live(live, expire_at, now):
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
        # A chunk of translations with their sources and recorded translations in three queries.
        pages = model.objects.select_related("locale").in_bulk(pks)
        source_locale = {page.pk: locale_ids[source_locales[str(page.translation_key)]] for page in pages.values()}
        keys = {page.translation_key for page in pages.values()}
        # Of a source, only the texts a translation may show for want of its own (without_fallbacks).
        sources = {
            (source.translation_key, source.locale_id): source
            for source in model.objects.filter(
                translation_key__in=keys, locale_id__in=set(source_locale.values())
            ).only(*_fallback_fields(model))
        }
        translated = _translated_fields(keys)
        ordered = [pages[pk] for pk in pks]
        fallbacks = {}  # source pk -> its texts, shared by its translations
        for page, item in zip(ordered, page_items(ordered, is_source=False, latest=drafts), strict=True):
            source = sources[(page.translation_key, source_locale[page.pk])]
            if source.pk not in fallbacks:
                fallbacks[source.pk] = fallback_values(source, item["type"])
            translated_here = translated[(page.translation_key, page.locale_id)]
            yield compact(without_fallbacks(item, source, translated_here, fallbacks[source.pk]))


#: Translations exported per chunk: a few queries each, whatever the site's size.
EXPORT_CHUNK = 200


def _runs_of_chunks(rows, size=EXPORT_CHUNK):
    """``(model, [pk, ...])`` for consecutive ``(model, pk)`` rows of one model, at most ``size`` at once, in order."""
    for model, run in groupby(rows, key=itemgetter(0)):
        pks = [pk for _model, pk in run]
        for start in range(0, len(pks), size):
            yield model, pks[start : start + size]


def _fallback_fields(model):
    """The model fields :func:`without_fallbacks` reads of a source of ``model``."""
    entry = content_types().for_model(model)
    texts = [field.model_field or field.name for field in entry.import_fields if field.translatable]
    return ["translation_key", "locale", "summary", "body", *texts]


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
    """The texts of ``source`` (a page of ``item_type``) that a translation shows where it has none."""
    values = {"summary": source.summary, "body": paragraphs_of(source)}
    values.update(
        (field.name, _value_of(source, field))
        for field in content_types().get(item_type).import_fields
        if field.translatable
    )
    return values


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
