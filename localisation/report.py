"""What is left to translate: the data behind the translation status report.

For every locale: the pages that exist in other languages but not in it, and
its translations whose source page changed after the translation was last
synchronised. Three queries whatever the size of the site: every page's
language and dates, the translation sources, their translations.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from .locales import content_languages, default_language_code


@dataclass
class LocaleStatus:
    locale: Locale
    name: str
    untranslated: list = field(default_factory=list)  # [(page, submit translation url)]
    outdated: list = field(default_factory=list)  # [(source page, translated page, sync url)]


def _representative(versions, default_locale_id):
    """The version to translate from: the default language's, else the oldest."""
    for page in versions:
        if page.locale_id == default_locale_id:
            return page
    return min(versions, key=lambda page: page.pk)


def translation_status(locales=None):
    """A :class:`LocaleStatus` per configured locale (or per locale of ``locales``)."""
    languages = content_languages()
    all_locales = {locale.pk: locale for locale in Locale.objects.filter(language_code__in=languages)}
    if locales is None:
        locales = sorted(all_locales.values(), key=lambda locale: list(languages).index(locale.language_code))
    default_locale_id = next(
        (pk for pk, locale in all_locales.items() if locale.language_code == default_language_code()), None
    )

    pages = Page.objects.filter(depth__gt=1, locale_id__in=all_locales).only(
        "id", "title", "translation_key", "locale_id", "live", "latest_revision_created_at", "depth", "path"
    )
    versions = defaultdict(list)
    by_key_and_locale = {}
    for page in pages:
        page.locale = all_locales[page.locale_id]  # no query per row for its language
        versions[page.translation_key].append(page)
        by_key_and_locale[page.translation_key, page.locale_id] = page

    statuses = {locale.pk: LocaleStatus(locale, languages[locale.language_code]) for locale in locales}
    for _key, page_versions in sorted(versions.items(), key=lambda item: min(p.path for p in item[1])):
        present = {page.locale_id for page in page_versions}
        source = _representative(page_versions, default_locale_id)
        for locale_id, status in statuses.items():
            if locale_id not in present:
                url = reverse("wagtail_localize:submit_page_translation", args=[source.pk])
                status.untranslated.append((source, url))

    sources = TranslationSource.objects.filter(
        object__content_type=ContentType.objects.get_for_model(Page)
    ).prefetch_related(
        # Only translations into the reported locales that are still kept in sync.
        Prefetch(
            "translations",
            queryset=Translation.objects.filter(enabled=True, target_locale_id__in=statuses),
            to_attr="enabled_translations",
        )
    )
    for translation_source in sources:
        source_page = by_key_and_locale.get((translation_source.object_id, translation_source.locale_id))
        if source_page is None or source_page.latest_revision_created_at is None:
            continue
        if source_page.latest_revision_created_at <= translation_source.last_updated_at:
            continue
        sync_url = reverse("wagtail_localize:update_translations", args=[translation_source.pk])
        for translation in translation_source.enabled_translations:
            translated = by_key_and_locale.get((translation_source.object_id, translation.target_locale_id))
            if translated is not None:
                statuses[translation.target_locale_id].outdated.append((source_page, translated, sync_url))
    return list(statuses.values())
