"""Where every translation stands: the data behind the translation status report.

Per locale and per page that exists in another language: not started (no
translation yet, or one with nothing translated), in progress (N of M string
segments translated), done, and whether the source page changed after the
translation was last synchronised. A bounded number of queries whatever the
size of the site: every page's language and dates, the translation sources
with their translations, and the segment counts (one query per language).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from .locales import content_languages, default_language_code
from .progress import State, progress_of


@dataclass
class PageStatus:
    """One page in one language: its source, its translation (if any) and how far it has come."""

    source: Page
    translated: Page | None = None
    progress: object = None  # progress.Progress of the translation, None without a translation record
    source_changed: bool = False
    sync_url: str = ""

    @property
    def state(self):
        if self.translated is None or self.progress is None:
            return State.NOT_STARTED
        return self.progress.state

    @property
    def action_url(self):
        """Where a translator goes next: submit the page, or edit its translation."""
        if self.translated is None:
            return reverse("wagtail_localize:submit_page_translation", args=[self.source.pk])
        return reverse("wagtailadmin_pages:edit", args=[self.translated.pk])


@dataclass
class LocaleStatus:
    locale: Locale
    name: str
    pages: list = field(default_factory=list)  # [PageStatus], in tree order

    def in_state(self, state):
        return [status for status in self.pages if status.state == state]

    @property
    def untranslated(self):
        """``[(source page, action url)]`` of pages not started in this language."""
        return [(status.source, status.action_url) for status in self.in_state(State.NOT_STARTED)]

    @property
    def in_progress(self):
        return self.in_state(State.IN_PROGRESS)

    @property
    def done(self):
        return self.in_state(State.DONE)

    @property
    def outdated(self):
        """``[(source page, translated page, sync url)]`` of translations behind their source."""
        return [(status.source, status.translated, status.sync_url) for status in self.pages if status.source_changed]


def _representative(versions, default_locale_id):
    """The version to translate from: the default language's, else the oldest."""
    for page in versions:
        if page.locale_id == default_locale_id:
            return page
    return min(versions, key=lambda page: page.pk)


def _pages_by_key(all_locales):
    pages = Page.objects.filter(depth__gt=1, locale_id__in=all_locales).only(
        "id", "title", "translation_key", "locale_id", "live", "latest_revision_created_at", "depth", "path"
    )
    versions = defaultdict(list)
    for page in pages:
        page.locale = all_locales[page.locale_id]  # no query per row for its language
        versions[page.translation_key].append(page)
    return versions


def _translations(locale_ids):
    """``{(translation key, target locale id): (TranslationSource, Translation)}`` of enabled translations."""
    sources = TranslationSource.objects.filter(
        object__content_type=ContentType.objects.get_for_model(Page)
    ).prefetch_related(
        Prefetch(
            "translations",
            queryset=Translation.objects.filter(enabled=True, target_locale_id__in=locale_ids),
            to_attr="enabled_translations",
        )
    )
    return {
        (source.object_id, translation.target_locale_id): (source, translation)
        for source in sources
        for translation in source.enabled_translations
    }


def translation_status(locales=None):
    """A :class:`LocaleStatus` per configured locale (or per locale of ``locales``)."""
    languages = content_languages()
    all_locales = {locale.pk: locale for locale in Locale.objects.filter(language_code__in=languages)}
    if locales is None:
        locales = sorted(all_locales.values(), key=lambda locale: list(languages).index(locale.language_code))
    default_locale_id = next(
        (pk for pk, locale in all_locales.items() if locale.language_code == default_language_code()), None
    )
    statuses = {locale.pk: LocaleStatus(locale, languages[locale.language_code]) for locale in locales}
    versions = _pages_by_key(all_locales)
    translations = _translations(statuses)
    progress = progress_of((source.pk, locale_id) for (_key, locale_id), (source, _t) in translations.items())

    for key, page_versions in sorted(versions.items(), key=lambda item: min(p.path for p in item[1])):
        by_locale = {page.locale_id: page for page in page_versions}
        for locale_id, status in statuses.items():
            translated = by_locale.get(locale_id)
            if translated is None:
                status.pages.append(PageStatus(_representative(page_versions, default_locale_id)))
                continue
            record = translations.get((key, locale_id))
            if record is None:  # the page is a source here, or a copy wagtail-localize does not manage
                continue
            source, _translation = record
            source_page = by_locale.get(source.locale_id)
            if source_page is None:
                continue
            changed = bool(source_page.latest_revision_created_at) and (
                source_page.latest_revision_created_at > source.last_updated_at
            )
            status.pages.append(
                PageStatus(
                    source_page,
                    translated,
                    progress[source.pk, locale_id],
                    source_changed=changed,
                    sync_url=reverse("wagtail_localize:update_translations", args=[source.pk]) if changed else "",
                )
            )
    return list(statuses.values())
