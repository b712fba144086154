"""wagtail-localize's records for many new pages at once.

For a new source page wagtail-localize keeps a translation source (the page's
content as JSON), the page's segments (each translatable string with its
context, each rich-text template, each overridable value), and for each
language a translation record, the translated strings, and the translated
page built from the source's content with those strings. It writes them one
query per string; here each kind of record is written once per batch, built
from what :func:`wagtail_localize.segments.extract.extract_segments` gives once
per source. The translated pages are built as ``create_or_update_translation``
builds them (a copy of the source in the target locale, with the translated
segments ingested), so that the translation editor, its sync and its publish
find exactly what they would have written themselves.
"""

import copy
import json
from functools import lru_cache

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    String,
    StringSegment,
    StringTranslation,
    Template,
    TemplateSegment,
    TranslatableObject,
    Translation,
    TranslationContext,
    TranslationSource,
    get_schema_version,
)
from wagtail_localize.segments import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    StringSegmentValue,
    TemplateSegmentValue,
)
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.ingest import ingest_segments
from wagtail_localize.strings import StringValue

from localisation.translation import TOOL_NAME

#: Page fields a translation does not take from its source: its place, state and history.
NOT_COPIED = {
    "id",
    "page_ptr_id",
    "path",
    "depth",
    "numchild",
    "url_path",
    "locale_id",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "live_revision_id",
    "latest_revision_id",
    "latest_revision_created_at",
    "locked",
    "locked_at",
    "locked_by_id",
    "alias_of_id",
    "expired",
    "owner_id",
}


class SourceSegments:
    """The segments of one source page, as extracted, with the ids of their string and context records."""

    def __init__(self, source, values):
        self.source = source
        self.values = values
        self.string_ids = {}  # context path -> (string id, context id)


def create_sources(pages):
    """The translation source of each new page of ``pages`` with its segments: ``{page pk: SourceSegments}``."""
    now = timezone.now()
    page_type = ContentType.objects.get_for_model(Page)
    TranslatableObject.objects.bulk_create(
        [TranslatableObject(translation_key=page.translation_key, content_type=page_type) for page in pages],
        ignore_conflicts=True,
    )
    schema_versions = {}
    sources = []
    for page in pages:
        app_label = page._meta.app_label
        if app_label not in schema_versions:
            schema_versions[app_label] = get_schema_version(app_label)
        sources.append(
            TranslationSource(
                object_id=page.translation_key,
                specific_content_type_id=page.content_type_id,
                locale_id=page.locale_id,
                object_repr=str(page)[:200],
                content_json=page.to_json(),
                schema_version=schema_versions[app_label],
                created_at=now,
                last_updated_at=now,
            )
        )
    TranslationSource.objects.bulk_create(sources)
    extracted = {
        page.pk: SourceSegments(source, extract_segments(page)) for page, source in zip(pages, sources, strict=True)
    }
    _write_segments(pages, extracted)
    return extracted


def _write_segments(pages, extracted):
    pages_by_pk = {page.pk: page for page in pages}
    # A rich-text block's template and its strings share one context (its path).
    contexts = {}
    for page_pk, segments in extracted.items():
        for value in segments.values:
            key = (segments.source.object_id, value.path)
            if key in contexts:
                continue
            context = TranslationContext(
                object_id=segments.source.object_id,
                path=value.path,
                path_id=TranslationContext._get_path_id(value.path),
            )
            # get_field_path saves the path it works out; the context is written below with the others.
            context.save = lambda **kwargs: None
            context.get_field_path(pages_by_pk[page_pk])
            del context.save
            contexts[key] = context
    TranslationContext.objects.bulk_create(list(contexts.values()))
    strings = _strings(
        {
            (segments.source.locale_id, value.string.data)
            for segments in extracted.values()
            for value in segments.values
            if isinstance(value, StringSegmentValue)
        }
    )
    templates = _templates(
        [
            value
            for segments in extracted.values()
            for value in segments.values
            if isinstance(value, TemplateSegmentValue)
        ]
    )
    string_segments, template_segments, overridable_segments = [], [], []
    for segments in extracted.values():
        source = segments.source
        for value in segments.values:
            context = contexts[source.object_id, value.path]
            common = {"source": source, "context": context, "order": value.order}
            if isinstance(value, StringSegmentValue):
                string = strings[source.locale_id, value.string.data]
                attrs = json.dumps(value.attrs, cls=DjangoJSONEncoder)
                string_segments.append(StringSegment(string=string, attrs=attrs, **common))
                segments.string_ids[value.path] = (string.pk, context.pk)
            elif isinstance(value, TemplateSegmentValue):
                template_segments.append(TemplateSegment(template=templates[value.format, value.template], **common))
            elif isinstance(value, OverridableSegmentValue):
                data_json = json.dumps(value.data, cls=DjangoJSONEncoder)
                overridable_segments.append(OverridableSegment(data_json=data_json, **common))
            elif isinstance(value, RelatedObjectSegmentValue):
                RelatedObjectSegment.from_value(source, value)  # none on the imported types; kept for completeness
    StringSegment.objects.bulk_create(string_segments)
    TemplateSegment.objects.bulk_create(template_segments)
    OverridableSegment.objects.bulk_create(overridable_segments)


def load_source_segments(page):
    """The :class:`SourceSegments` of a page that :func:`create_sources` wrote earlier."""
    source = TranslationSource.objects.get(object_id=page.translation_key, locale_id=page.locale_id)
    segments = SourceSegments(source, extract_segments(page))
    for segment in StringSegment.objects.filter(source=source).select_related("context"):
        segments.string_ids[segment.context.path] = (segment.string_id, segment.context_id)
    return segments


def _strings(wanted):
    """``{(locale id, data): String}``, creating those that do not exist."""
    found = {}
    by_locale = {}
    for locale_id, data in wanted:
        by_locale.setdefault(locale_id, {})[String._get_data_hash(data)] = data
    for locale_id, hashes in by_locale.items():
        existing = String.objects.filter(locale_id=locale_id, data_hash__in=list(hashes))
        found.update({(locale_id, string.data): string for string in existing})
    missing = [
        String(locale_id=locale_id, data=data, data_hash=String._get_data_hash(data))
        for locale_id, data in wanted
        if (locale_id, data) not in found
    ]
    String.objects.bulk_create(missing)
    found.update({(string.locale_id, string.data): string for string in missing})
    return found


def _templates(values):
    """``{(format, template): Template}``, creating those that do not exist (few: one per block shape)."""
    found = {}
    for value in values:
        key = (value.format, value.template)
        if key not in found:
            found[key] = Template.from_value(value)
    return found


def translated_copy(source, locale, texts, segments, placement):
    """The translation of ``source`` into ``locale``, unsaved, as wagtail-localize builds it.

    ``texts`` are the translated texts by context path (from
    :func:`localisation.translation.translated_texts`), ``segments`` the source's
    :class:`SourceSegments`; ``placement(page)`` gives the page its place in the tree.
    """
    model = type(source)
    translated = model(
        **{
            field.attname: getattr(source, field.attname)
            for field in model._meta.concrete_fields
            if field.attname not in NOT_COPIED
        }
    )
    translated.locale = locale
    for relation in get_all_child_relations(model):
        accessor = relation.get_accessor_name()
        if accessor == "tagged_items":
            continue
        copies = []
        for child in getattr(source, accessor).all():
            copy = relation.related_model(
                **{
                    field.attname: getattr(child, field.attname)
                    for field in relation.related_model._meta.concrete_fields
                    if not field.primary_key and field.attname != relation.field.attname
                }
            )
            if isinstance(copy, TranslatableMixin):
                copy.locale = locale
            copies.append(copy)
        setattr(translated, accessor, copies)
    translated_values = []
    for value in segments.values:
        if value.path.startswith("tags."):
            continue  # the line's own tags are set on the page
        if isinstance(value, StringSegmentValue):
            text = texts.get(value.path)
            if text:
                value = StringSegmentValue(value.path, string_value(text), attrs=value.attrs, order=value.order)
        translated_values.append(value)
    ingest_segments(_fresh_streams(source), translated, source.locale, locale, translated_values)
    placement(translated)
    translated.draft_title = translated.title
    return translated


@lru_cache(maxsize=4096)
def string_value(text):
    """wagtail-localize's value of a plain text (parsed as HTML: worth doing once per text)."""
    return StringValue.from_plaintext(text)


def _fresh_streams(page):
    """A copy of ``page`` with its own stream values: ingesting segments writes into the
    original's blocks, which the source's other translations must still find as they were."""
    original = copy.copy(page)
    for field in type(page)._meta.concrete_fields:
        if isinstance(field, StreamField):
            setattr(original, field.attname, field.to_python(field.get_prep_value(getattr(page, field.attname))))
    return original


def create_translations(items, user=None):
    """Record the translation of each ``(locale, texts, segments)`` of ``items``:
    the translation records and the translated strings (the pages are written by the caller)."""
    now = timezone.now()
    Translation.objects.bulk_create(
        [
            Translation(source=segments.source, target_locale=locale, enabled=True, created_at=now)
            for locale, _texts, segments in items
        ]
    )
    string_translations = []
    for locale, texts, segments in items:
        for path, text in texts.items():
            if path not in segments.string_ids:
                continue
            string_id, context_id = segments.string_ids[path]
            string_translations.append(
                StringTranslation(
                    translation_of_id=string_id,
                    context_id=context_id,
                    locale=locale,
                    data=string_value(text).data,
                    last_translated_by=user,
                    translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                    tool_name=TOOL_NAME,
                )
            )
    StringTranslation.objects.bulk_create(string_translations)
