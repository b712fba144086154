"""A translation's slug from its translated title, until the translator publishes it or sets their own.

wagtail-localize copies the source's slug into every translation, and the
slug is a string in the translation editor like any other: left alone, a
French page keeps the English address. Here, whenever the title of a page is
translated (in the editor, by a PO file or a machine translation), the slug
string gets a translation made from it (Cyrillic and other scripts
transliterated to Latin, as the importer's slugs are), which wagtail-localize
applies when the translation is published. It follows the title while the
page still carries the source's slug, so the first publication fixes it; a
slug the translator typed is never replaced.

Bulk writers (:mod:`localisation.translation`) write their own slugs and do
not send ``post_save``.
"""

from anyascii import anyascii
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation
from wagtail_localize.strings import StringValue

#: How the slug strings made here are marked, to tell them from a translator's.
SLUG_TOOL = "compatriots-slug-from-title"


def slug_from_title(title):
    """A URL slug for ``title``; Cyrillic (and any other script) transliterated to Latin."""
    return slugify(anyascii(title))[:255] or "page"


def _segment(context, path):
    return (
        StringSegment.objects.filter(context__object_id=context.object_id, context__path=path)
        .select_related("string", "context")
        .order_by("-source__last_updated_at")
        .first()
    )


def title_translated(sender, instance, raw=False, **kwargs):
    """``post_save`` receiver for ``StringTranslation``: a translated title gives the slug its translation."""
    if raw or instance.tool_name == SLUG_TOOL or instance.has_error or instance.context.path != "title":
        return
    slug_segment = _segment(instance.context, "slug")
    if slug_segment is None:
        return
    existing = StringTranslation.objects.filter(
        translation_of=slug_segment.string, context=slug_segment.context, locale=instance.locale
    ).first()
    if existing is not None and existing.tool_name != SLUG_TOOL:
        return  # the translator's own slug
    translated_page = Page.objects.filter(translation_key=instance.context.object_id, locale=instance.locale).first()
    source_slug = slug_segment.string.data
    if existing is not None and translated_page is not None and translated_page.slug != source_slug:
        return  # published with its own slug already: its address stays
    slug = slug_from_title(StringValue(instance.data).render_text())
    if translated_page is not None:
        slug = find_available_slug(translated_page.get_parent(), slug, ignore_page_id=translated_page.pk)
    if existing is None:
        StringTranslation.objects.create(
            translation_of=slug_segment.string,
            context=slug_segment.context,
            locale=instance.locale,
            data=slug,
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
            tool_name=SLUG_TOOL,
            last_translated_by=instance.last_translated_by,
        )
    elif existing.data != slug:
        existing.data = slug
        existing.save(update_fields=["data", "updated_at"])
