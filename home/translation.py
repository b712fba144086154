"""Create and update wagtail-localize translations from known field values.

The demo loader and the content importer both hold ready translations (a Dutch
title, a Russian summary) rather than text for a translator to type. They go
through wagtail-localize's own translation records, as a translator's work would,
so that every translated page is linked to its source, shows its strings in the
translation editor, and survives a later synchronisation from the source.
"""

import polib
from django.db import transaction
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.strings import StringValue

#: Fields whose segment context path is the field name itself.
SEGMENT_FIELDS = ("title", "slug", "summary", "image_alt", "city", "venue", "place", "introduction", "seo_title")


def _body_index_by_block_id(source_page):
    return {block.id: index for index, block in enumerate(getattr(source_page, "body", None) or [])}


def _translated_text(context_path, values, body_index):
    """The translated plain text for a segment, or None to keep the source's."""
    field, _sep, rest = context_path.partition(".")
    if field in SEGMENT_FIELDS and not rest:
        return values.get(field)
    if field == "body" and rest and "body" in values:
        block_id = rest.split(".")[0]
        index = body_index.get(block_id)
        paragraphs = values["body"]
        if index is not None and index < len(paragraphs):
            return paragraphs[index]
    return None


@transaction.atomic
def translate_page(source_page, locale, values, *, publish=True, user=None):
    """Translate ``source_page`` into ``locale`` with the given plain-text ``values``.

    ``values`` maps field names (``title``, ``summary``, ``city``...) to text and
    ``body`` to the list of paragraph texts, in the order of the source's
    paragraphs. Fields left out keep the source's text (wagtail-localize's
    fallback). Returns the translated page, saved (and published when asked).
    """
    if isinstance(locale, str):
        locale = Locale.objects.get(language_code=locale)
    source, created = TranslationSource.get_or_create_from_instance(source_page)
    if not created:
        source.update_from_db()
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    body_index = _body_index_by_block_id(source_page)
    po = source.export_po()
    po.metadata["X-WagtailLocalize-TranslationID"] = str(translation.uuid)
    translated = polib.POFile()
    translated.metadata = po.metadata
    for entry in po:
        text = _translated_text(entry.msgctxt, values, body_index)
        if text:
            translated.append(
                polib.POEntry(msgid=entry.msgid, msgctxt=entry.msgctxt, msgstr=StringValue.from_plaintext(text).data)
            )
    translation.import_po(translated, user=user, tool_name="compatriots")
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
