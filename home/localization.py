"""Show related pages in the visitor's language.

Relations between pages (members, organisers, partners) are stored once,
pointing at whichever translation an editor or an import chose; wagtail-localize
copies them unchanged into every translation. At display time each related page
is swapped for its translation in the page's locale, falling back to the page
itself (marked with its language) when no visible translation exists.
"""

from dataclasses import dataclass

from wagtail.models import Page


@dataclass(frozen=True)
class LocalizedLink:
    page: Page
    is_fallback: bool

    @property
    def language_code(self):
        return self.page.locale.language_code


def localize_pages(pages, locale):
    """Return a :class:`LocalizedLink` per distinct page, in ``locale`` when possible.

    Runs one query for the translations, whatever the number of pages. Pages
    that are not visible (draft, private) are dropped; duplicates, such as the
    same organisation reached through two translations, appear once.
    """
    pages = list(pages)
    if not pages:
        return []
    keys = [page.translation_key for page in pages]
    translations = {
        page.translation_key: page
        for page in Page.objects.live()
        .public()
        .filter(translation_key__in=keys, locale=locale)
        .specific()
        .select_related("locale")
    }
    links, seen = [], set()
    for page in pages:
        if page.translation_key in seen:
            continue
        seen.add(page.translation_key)
        translated = translations.get(page.translation_key)
        if translated is not None:
            links.append(LocalizedLink(translated, is_fallback=False))
        elif page.live and not page.get_view_restrictions().exists():
            links.append(LocalizedLink(page, is_fallback=True))
    return links
