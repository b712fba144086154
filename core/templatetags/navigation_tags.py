"""Site navigation built from the page tree: the language's home, its menu, breadcrumbs.

Every language has its own home page (a translation of the site's root page),
so navigation is resolved against the home page of the locale being shown,
never the default language's.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from wagtail.models import Locale, Page, Site

from core.cache import content_cache, content_cache_key, seconds_until_expiry
from core.site_address import absolute_url as site_absolute_url
from core.visibility import visible_pages

register = template.Library()


@dataclass(frozen=True)
class NavigationLink:
    """A page as the header, the menu and the footer show it.

    Kept in the content cache instead of the page object: plain values,
    the same on every page of a language until the next publish.
    """

    pk: int
    path: str
    title: str
    url: str


def _current_locale_id(context):
    page = context.get("page")
    if isinstance(page, Page):
        return page.locale_id
    return Locale.get_active().pk


def _link(page, request):
    return NavigationLink(pk=page.pk, path=page.path, title=page.title, url=page.get_url(request=request))


def _build_navigation(site, locale_id, request):
    """The locale's home page (the site's root when it has no live translation) and its menu pages."""
    root = site.root_page
    home = root.get_translation_or_none(Locale.objects.get(pk=locale_id)) if root.locale_id != locale_id else root
    if home is None or not home.live:
        home = root
    menu = list(visible_pages(home.get_children()).in_menu().specific(defer=True))
    links = (_link(home, request), [_link(page, request) for page in menu])
    return links, seconds_until_expiry([home, *menu])


def navigation(context):
    """``(home, menu)`` as :class:`NavigationLink`: built once per site, locale and content version.

    Every page of a language shows the same header, menu and footer; a
    publish moves the content version on (core.cache), so the next request
    builds them again.
    """

    def compute():
        request = context.get("request")
        site = Site.find_for_request(request) if request else None
        if site is None:
            return None, []
        locale_id = _current_locale_id(context)
        key = content_cache_key("navigation", site.pk, locale_id)
        kept = content_cache().get(key)
        if kept is None:
            kept, timeout = _build_navigation(site, locale_id, request)
            content_cache().set(key, kept, timeout)
        return kept

    return _once_per_request(context, "navigation", compute)


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
    """The home page of the locale on show (a :class:`NavigationLink`), falling back to the site's root page."""
    return navigation(context)[0]


@register.simple_tag(takes_context=True)
def main_menu_pages(context):
    """Live, public children of the locale's home page that editors put in menus (:class:`NavigationLink`)."""
    return navigation(context)[1]


@register.simple_tag(takes_context=True)
def breadcrumb_pages(context):
    """Ancestors of the current page below the tree root, home page first."""
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    return list(page.get_ancestors().filter(depth__gt=1).specific(defer=True))


@register.filter
def is_section_of(menu_page, page):
    """Whether ``menu_page`` (a page or a :class:`NavigationLink`) is ``page`` or one of its ancestors."""
    if not isinstance(page, Page):
        return False
    return page.path.startswith(menu_page.path)


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """``url`` made absolute for Open Graph on the site's address, whether media is served locally or from a CDN."""
    return site_absolute_url(url, context.get("request"))


@register.simple_tag(takes_context=True)
def site_name(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return (site and site.site_name) or settings.WAGTAIL_SITE_NAME
