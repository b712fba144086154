"""The export made from page instances, the yardstick of the export made from rows.

What :func:`interchange.exporter.export_items` wrote when it built every page it
exported: the same choice of pages, in the same order, each item from
:func:`~interchange.exporter.page_item` of the page instance.
"""

from django.utils import timezone
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, TranslationSource

from core.registry import content_types
from interchange.exporter import (
    _exported,
    compact,
    fallback_values,
    is_exported_live,
    page_item,
    page_items,
    without_fallbacks,
)


def _translated_fields(page):
    return {
        path.partition(".")[0]
        for path in StringTranslation.objects.filter(
            context__object_id=page.translation_key, locale_id=page.locale_id
        ).values_list("context__path", flat=True)
    }


def instance_export_items(drafts=False):
    """The items of the export, made one page instance at a time."""
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    source_locales = {
        str(key): codes[locale_id] for key, locale_id in TranslationSource.objects.values_list("object_id", "locale_id")
    }
    now = timezone.now()
    translations, seen, left_out = [], set(), set()
    for model in content_types().models():
        sources = []
        for page in model.objects.select_related("locale").order_by("path"):
            key = str(page.translation_key)
            is_source = source_locales.get(key, page.locale.language_code) == page.locale.language_code
            if not drafts and not is_exported_live(page, now):
                if is_source:
                    left_out.add(key)
                continue
            if is_source and key not in seen:
                seen.add(key)
                sources.append(page)
            else:
                translations.append(page)
        for page in sources:
            yield _exported(page_item(page, latest=drafts), page, now)
    translations = [page for page in translations if str(page.translation_key) not in left_out]
    for page, item in zip(translations, page_items(translations, is_source=False, latest=drafts), strict=True):
        source_locale = Locale.objects.get(language_code=source_locales[str(page.translation_key)])
        source = type(page).objects.get(translation_key=page.translation_key, locale=source_locale)
        yield compact(without_fallbacks(item, source, _translated_fields(page), fallback_values(source, item["type"])))
