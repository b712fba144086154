"""Show related pages in the visitor's language.

Relations between pages (members, organisers, partners) are stored once,
pointing at whichever translation an editor or an import chose; wagtail-localize
copies them unchanged into every translation. At display time each related page
is swapped for its translation in the page's locale, falling back to the page
itself (marked with its language) when no visible translation exists.
"""

from dataclasses import dataclass

from wagtail.models import Page

from core.visibility import visible_pages


@dataclass(frozen=True)
class LocalizedLink:
    page: Page
    is_fallback: bool

    @property
    def language_code(self):
        return self.page.locale.language_code


def localize_pages(pages, locale):
    """Return a :class:`LocalizedLink` per distinct page, in ``locale`` when possible.

    Runs one query for the translations (and one for the untranslated pages), whatever the number of pages. Pages
    that are not visible (draft, private) are dropped; duplicates, such as the
    same organisation reached through two translations, appear once.
    """
    pages = list(pages)
    if not pages:
        return []
    keys = [page.translation_key for page in pages]
    translations = {
        page.translation_key: page
        for page in visible_pages(Page.objects.filter(translation_key__in=keys, locale=locale))
        .specific()
        .select_related("locale")
    }
    fallbacks = [page.pk for page in pages if page.translation_key not in translations]
    visible_sources = (
        set(visible_pages(Page.objects.filter(pk__in=fallbacks)).values_list("pk", flat=True)) if fallbacks else set()
    )
    links, seen = [], set()
    for page in pages:
        if page.translation_key in seen:
            continue
        seen.add(page.translation_key)
        translated = translations.get(page.translation_key)
        if translated is not None:
            links.append(LocalizedLink(translated, is_fallback=False))
        elif page.pk in visible_sources:
            links.append(LocalizedLink(page, is_fallback=True))
    return links
