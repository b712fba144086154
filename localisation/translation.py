"""Create and update wagtail-localize translations from known field values.

The demo loader and the content importer both hold ready translations (a Dutch
title, a Russian summary) rather than text for a translator to type. They go
through wagtail-localize's own translation records, as a translator's work would,
so that every translated page is linked to its source, shows its strings in the
translation editor, and survives a later synchronisation from the source.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.models import get_all_child_relations
from wagtail.blocks import StreamValue
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue

from .notifications import muted

#: How wagtail-localize's records name the tool that made these translations.
TOOL_NAME = "compatriots"

#: Fields whose segment context path is the field name itself.
SEGMENT_FIELDS = ("title", "slug", "summary", "image_alt", "city", "venue", "place", "introduction", "seo_title")


def _positions(source_page, values):
    """``{field: {block id or child translation key: position}}`` of the list
    fields in ``values``: where each body block and each translatable child
    object (a gallery image, a joint activity) stands, to find its text."""
    positions = {}
    if "body" in values:
        positions["body"] = {block.id: index for index, block in enumerate(getattr(source_page, "body", None) or [])}
    # Other StreamFields of struct blocks (a heritage project's recognitions): ``[{sub-block: text}, ...]``.
    for name in values:
        stream = getattr(source_page, name, None) if name != "body" else None
        if isinstance(stream, StreamValue):
            positions[name] = {block.id: index for index, block in enumerate(stream)}
    for relation in get_all_child_relations(type(source_page)):
        name = relation.get_accessor_name()
        if name in values and issubclass(relation.related_model, TranslatableMixin):
            children = getattr(source_page, name).all()
            positions[name] = {str(child.translation_key): index for index, child in enumerate(children)}
    return positions


def _translated_text(context_path, values, positions):
    """The translated plain text for a segment, or None to keep the source's."""
    field, _sep, rest = context_path.partition(".")
    if field in SEGMENT_FIELDS and not rest:
        return values.get(field)
    if not rest or field not in values or field not in positions:
        return None
    key, _sep, child_field = rest.partition(".")
    index = positions[field].get(key)
    if index is None or index >= len(values[field]):
        return None
    if field == "body":
        return values[field][index]
    return values[field][index].get(child_field)


def translated_texts(source_page, values, paths):
    """``{context path: text}``: the texts of ``values`` for the source's segments at ``paths``.

    ``values`` as for :func:`translate_page`; a path without a text keeps the source's.
    """
    positions = _positions(source_page, values)
    texts = {}
    for path in paths:
        text = _translated_text(path, values, positions)
        if text:
            texts[path] = text
    return texts


def translation_source_for(source_page):
    """The wagtail-localize source record of ``source_page``, brought up to date with the page.

    Refreshing extracts every segment of the page again: a caller translating
    one unchanged page into several languages gets the record once and passes
    it to each :func:`translate_page`.
    """
    source, created = TranslationSource.get_or_create_from_instance(source_page)
    if not created:
        source.update_from_db()
    return source


@transaction.atomic
def translate_page(source_page, locale, values, *, publish=True, user=None, translation_source=None):
    """Translate ``source_page`` into ``locale`` with the given plain-text ``values``.

    ``values`` maps field names (``title``, ``summary``, ``city``...) to text,
    ``body`` to the list of paragraph texts, in the order of the source's
    paragraphs, and a translatable child relation (``gallery_images``,
    ``activities``) or another StreamField of struct blocks (``recognitions``)
    to a list of ``{field: text}``, in the order of the source's children or
    blocks. Fields left out keep the source's text (wagtail-localize's
    fallback). ``translation_source``, when given, is the page's up-to-date
    record from :func:`translation_source_for`. Returns the translated page,
    saved (and published when asked).
    """
    if isinstance(locale, str):
        locale = Locale.objects.get(language_code=locale)
    source = translation_source or translation_source_for(source_page)
    # Ready texts from an import or the demo: no work for a translator to be told of.
    with muted():
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
    save_string_translations(source, locale, values, _positions(source_page, values), user)
    if "slug" in values and not source_page.has_translation(locale):
        _copy_with_slug(source_page, locale, values["slug"])
    # wagtail-localize defers publishing to the end of the outer transaction;
    # the importer and the demo loader run in one transaction and need the
    # translation live now (to translate its children, to set view
    # restrictions), so the revision is published here instead.
    translation.save_target(user=user, publish=False)
    translated_page = source_page.get_translation(locale).specific
    if publish:
        translated_page.get_latest_revision().publish(user=user)
        translated_page.refresh_from_db()
    return translated_page


def _copy_with_slug(source_page, locale, slug):
    """Create the translation of ``source_page`` as wagtail-localize would (a
    copy in ``locale``), with its translated slug from the start.

    Saving a new copy under another slug is a slug change to Wagtail, which
    then keeps both versions of the page in memory until the transaction
    commits, to announce the change. A page never published has no address to
    redirect, so nobody needs that; an import of thousands of translations in
    one transaction would hold them all.
    """
    copy = source_page.copy_for_translation(locale, copy_parents=True)
    parent = copy.get_parent()
    slug = find_available_slug(parent, slugify(slug), ignore_page_id=copy.pk)
    Page.objects.filter(pk=copy.pk).update(slug=slug, url_path=f"{parent.url_path}{slug}/")


def save_string_translations(source, locale, values, positions, user):
    """Record the given texts as translations of the source's segments, as a translator's edits would be.

    Writes wagtail-localize's translation memory directly, in bulk: its PO
    import costs several queries per string, and the texts here are plain
    text, escaped, so they need none of its checks for broken markup.
    """
    wanted = {}
    for segment in StringSegment.objects.filter(source=source).select_related("context"):
        text = _translated_text(segment.context.path, values, positions)
        if text:
            wanted[segment.string_id, segment.context_id] = StringValue.from_plaintext(text).data
    existing = {
        (string_translation.translation_of_id, string_translation.context_id): string_translation
        for string_translation in StringTranslation.objects.filter(locale=locale, context__object_id=source.object_id)
    }
    manual = StringTranslation.TRANSLATION_TYPE_MANUAL
    created, changed = [], []
    for (string_id, context_id), data in wanted.items():
        current = existing.get((string_id, context_id))
        if current is None:
            created.append(
                StringTranslation(
                    translation_of_id=string_id,
                    context_id=context_id,
                    locale=locale,
                    data=data,
                    last_translated_by=user,
                    translation_type=manual,
                    tool_name=TOOL_NAME,
                )
            )
        elif current.data != data or current.has_error:
            current.data, current.has_error, current.last_translated_by = data, False, user
            current.translation_type, current.tool_name = manual, TOOL_NAME
            changed.append(current)
    StringTranslation.objects.bulk_create(created)
    # bulk_update skips auto_now: the edit time is set here.
    now = timezone.now()
    for string_translation in changed:
        string_translation.updated_at = now
    fields = ["data", "has_error", "last_translated_by", "translation_type", "tool_name", "updated_at"]
    StringTranslation.objects.bulk_update(changed, fields)
