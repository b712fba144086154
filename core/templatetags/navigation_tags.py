"""Site navigation built from the page tree: the language's home, its menu, breadcrumbs.

Every language has its own home page (a translation of the site's root page),
so navigation is resolved against the home page of the locale being shown,
never the default language's.
"""

from django import template
from django.conf import settings
from wagtail.models import Locale, Page, Site

from core.visibility import visible_pages

register = template.Library()


def _current_locale(context):
    page = context.get("page")
    if isinstance(page, Page):
        return page.locale
    return Locale.get_active()


def _once_per_request(context, key, compute):
    """``compute()`` once per request: the header, the footer and every include share it."""
    request = context.get("request")
    if request is None:
        return compute()
    cache = request.__dict__.setdefault("_navigation_cache", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


@register.simple_tag(takes_context=True)
def locale_home(context):
    """The home page of the locale on show, falling back to the site's root page."""

    def compute():
        request = context.get("request")
        site = Site.find_for_request(request) if request else None
        if site is None:
            return None
        root = site.root_page
        home = root.get_translation_or_none(_current_locale(context))
        return home if home is not None and home.live else root

    return _once_per_request(context, "locale_home", compute)


@register.simple_tag(takes_context=True)
def main_menu_pages(context):
    """Live, public children of the locale's home page that editors put in menus."""

    def compute():
        home = locale_home(context)
        if home is None:
            return []
        return list(visible_pages(home.get_children()).in_menu().specific(defer=True))

    return _once_per_request(context, "main_menu_pages", compute)


@register.simple_tag(takes_context=True)
def breadcrumb_pages(context):
    """Ancestors of the current page below the tree root, home page first."""
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    return list(page.get_ancestors().filter(depth__gt=1).specific(defer=True))


@register.filter
def is_section_of(menu_page, page):
    """Whether ``menu_page`` is ``page`` or one of its ancestors (to mark the current section)."""
    if not isinstance(page, Page):
        return False
    return page.path.startswith(menu_page.path)


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """``url`` made absolute for Open Graph, whether media is served locally or from a CDN."""
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url


@register.simple_tag(takes_context=True)
def site_name(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return (site and site.site_name) or settings.WAGTAIL_SITE_NAME
