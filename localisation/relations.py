"""Show related pages in the visitor's language, and only those a visitor may see.

Relations between pages (members, organisers, partners) are stored once,
pointing at whichever translation an editor or an import chose; wagtail-localize
copies them unchanged into every translation. At display time each related page
is swapped for its visible translation in the page's locale, falling back to the
page itself (marked with its language) when no visible translation exists, and
dropped when neither is visible (:mod:`core.visibility`: draft, expired,
restricted, or on another site when a site is given).

Every surface that shows a related page (HTML pages, the API v2, feeds) goes
through :func:`localize_pages`, or :func:`localize_page_groups` for many pages'
relations at once (an API listing), so that the rule cannot be skipped.
"""

from dataclasses import dataclass

from wagtail.models import Locale, Page

from core.visibility import visible_q


@dataclass(frozen=True)
class LocalizedLink:
    page: Page
    is_fallback: bool

    @property
    def language_code(self):
        return self.page.locale.language_code


def localize_pages(pages, locale, *, site):
    """Return a :class:`LocalizedLink` per distinct visible page, in ``locale`` when possible.

    ``site`` is required (``None`` only where every site's pages may show): a
    relation may point at a page of another site. Pages that are not visible
    (draft, expired, private, or outside ``site`` when given) are dropped; duplicates, such as the same organisation reached
    through two translations, appear once.
    """
    return localize_page_groups([(pages, locale)], site=site)[0]


def localize_page_groups(groups, *, site):
    """:func:`localize_pages` for many ``(pages, locale)`` groups at once.

    Returns one list of links per group, in order. Runs a query for the
    locales, two for the translations and two for the untranslated pages,
    whatever the number of groups and pages (the visibility condition costs a
    few light queries once).
    """
    groups = [(list(pages), getattr(locale, "pk", locale)) for pages, locale in groups]
    if not any(pages for pages, _locale in groups):
        return [[] for _group in groups]
    visible = visible_q(site)
    wanted = {(page.translation_key, locale_id) for pages, locale_id in groups for page in pages}
    translations = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(visible)
        .filter(
            translation_key__in={key for key, _locale_id in wanted},
            locale_id__in={locale_id for _key, locale_id in wanted},
        )
        .specific()
    }
    fallback_ids = {
        page.pk
        for pages, locale_id in groups
        for page in pages
        if (page.translation_key, locale_id) not in translations
    }
    visible_fallbacks = (
        set(Page.objects.filter(visible).filter(pk__in=fallback_ids).values_list("pk", flat=True))
        if fallback_ids
        else set()
    )
    # The locales are few: read once and set on every page shown, as each link names its language.
    locales = Locale.objects.in_bulk()
    for page in translations.values():
        page.locale = locales[page.locale_id]
    fallbacks = {}
    for pages, _locale_id in groups:
        for page in pages:
            if page.pk in visible_fallbacks:
                page.locale = locales[page.locale_id]
                fallbacks[page.pk] = page
    return [_links(pages, locale_id, translations, fallbacks) for pages, locale_id in groups]


def _links(pages, locale_id, translations, fallbacks):
    links, seen = [], set()
    for page in pages:
        if page.translation_key in seen:
            continue
        translated = translations.get((page.translation_key, locale_id))
        if translated is not None:
            seen.add(page.translation_key)
            links.append(LocalizedLink(translated, is_fallback=False))
        elif page.pk in fallbacks:
            seen.add(page.translation_key)
            links.append(LocalizedLink(page, is_fallback=True))
    return links
