"""How an item writes a page's values, whether the page is an instance or its row.

The exporter's :func:`~interchange.exporter.page_item` (from a page instance)
and :func:`~interchange.page_rows.row_item` (from the page's columns, without
building the page) assemble their items with the same functions here: the
fields in the same order, each value written the same way, so that the two
give the same bytes.
"""

import datetime
import html as html_module
import re
import zoneinfo

from django.conf import settings
from django.utils.html import strip_tags

from core.registry import FieldKind

from .pages import external_id_of, is_interchange_model


def tag_order(name):
    """Tags are written in alphabetical order, the same on every database (whose collations differ)."""
    return name.casefold(), name


#: A paragraph with no markup and no character reference inside: its text is what lies between the tags.
PLAIN_PARAGRAPH = re.compile(r"<p>([^<&]*)</p>")


def paragraph_text(html):
    """The plain text of a paragraph block's HTML."""
    plain = PLAIN_PARAGRAPH.fullmatch(html)
    if plain:
        # What strip_tags and unescape give such a paragraph, without an HTML parser per paragraph.
        return plain[1]
    return html_module.unescape(strip_tags(html))


def paragraph_texts(body):
    """The plain text of the paragraph blocks of ``body`` (a StreamField's value).

    A value read from the database is read from its stored JSON, where a
    paragraph's value is the HTML its ``RichText`` would hold as ``source``
    (``""`` for none): no block need be built. A value set in memory is read
    from its blocks.
    """
    if not body:
        return []
    if body.is_lazy:
        return [paragraph_text(block["value"] or "") for block in body.raw_data if block["type"] == "paragraph"]
    return [paragraph_text(block.value.source) for block in body if block.block_type == "paragraph"]


def is_live_at(live, expire_at, now):
    """Live and not past its expiry date (which ``publish_scheduled`` may not have applied yet)."""
    return live and (expire_at is None or expire_at > now)


def status_for(live, restricted):
    """A source's own status, as the importer sets it: ``restricted`` is a view restriction on the page itself."""
    if not live:
        return "draft"
    return "private" if restricted else "live"


def parent_id_of(parent):
    """The ``parent`` of a source under ``parent`` (a page): its id when it is of an interchange type, else None."""
    return external_id_of(parent.specific) if is_interchange_model(parent.specific_class) else None


def generated_id(type_name, external_id, translation_key):
    """A page's interchange id: its ``external_id``, or one generated from its type and translation key."""
    return external_id or f"{type_name.replace('_', '-')}-{translation_key}"


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


def field_value(page, field, linked_ids=None):
    """The item's value of a type's ``field`` on ``page`` (empty values are dropped by :func:`item_of`).

    ``linked_ids(page, field)`` gives the id (or ids) a reference field names.
    """
    if field.kind in (FieldKind.REFERENCE, FieldKind.REFERENCES):
        return linked_ids(page, field)
    value = getattr(page, field.model_field or field.name)
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


def source_fields_of(page, entry, *, status, parent_id, linked_ids):
    """The fields of a source's item after the common and translatable ones, in their order."""
    fields = {"status": status}
    if parent_id is not None:
        fields["parent"] = parent_id
    for field in entry.import_fields:
        if not field.translatable:
            fields[field.name] = field_value(page, field, linked_ids)
    return fields


def item_of(page, entry, *, item_id, language_code, tags, source_fields=None):
    """The item of ``page`` (of ``entry``'s type): the common fields, the translatable ones,
    then ``source_fields`` (:func:`source_fields_of`, for a source); empty values left out."""
    item = {
        "id": item_id,
        "type": entry.name,
        "locale": language_code,
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "body": paragraph_texts(page.body),
        "tags": sorted(tags, key=tag_order),
    }
    for field in entry.import_fields:
        if field.translatable:
            item[field.name] = field_value(page, field)
    if source_fields:
        item.update(source_fields)
    return {name: value for name, value in item.items() if value not in ("", None, [])}


def fallback_values_of(page, entry):
    """The texts of ``page`` (a source of ``entry``'s type) that a translation shows where it has none."""
    values = {"summary": page.summary, "body": paragraph_texts(page.body)}
    values.update((field.name, field_value(page, field)) for field in entry.import_fields if field.translatable)
    return values
