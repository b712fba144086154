"""The page cache for visitors: whole responses of Wagtail pages, kept in Django's cache.

Only what every anonymous visitor would get alike is kept: a ``GET`` of a
Wagtail page (``wagtail_serve``: detail pages, indexes and their routes such
as the month view, feeds and iCal), answered 200, with no cookie set, with no
view restriction on the page or an ancestor, not a preview. A request that
carries a session (a signed-in editor, a visitor who entered a page password)
or pending messages always reaches the site. Search and every other view are
not cached: they depend on parameters without bound or on the visitor.

Keys are ``pages:<generation>:<sha1 of scheme, host, path and query>``. Any
change to what visitors see (core.cache_purge) replaces the generation, which
drops every kept page at once: an index, a home page section, a collection or
a menu may list the changed page, and working out exactly which pages do costs
more than rendering them again after a publish. Entries also expire after
``PAGE_CACHE_SECONDS`` (and at the next ``expire_at`` of any live page), because
"upcoming" lists change with time, without any edit.

Responses kept here are marked ``Cache-Control: public, max-age=0,
s-maxage=…``: a shared cache in front (Varnish, deploy/varnish/default.vcl)
may keep them and is purged on the same changes; browsers ask again each time,
so a publish is visible at once. Other page responses are marked ``private``.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import caches
from django.template.response import SimpleTemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail import hooks

from core.cache import kept_seconds

#: The header telling whether the page cache answered (for the benchmark and for debugging).
STATUS_HEADER = "X-Page-Cache"
_GENERATION_KEY = "pages:generation"
_SERVE_URL_NAME = "wagtail_serve"
_MESSAGES_COOKIE = "messages"


def page_cache_enabled():
    return getattr(settings, "PAGE_CACHE", False)


def page_cache():
    """The cache that holds pages: ``pages`` when configured (shared by the workers), else ``default``."""
    return caches["pages" if "pages" in settings.CACHES else "default"]


def page_cache_seconds():
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 300))


def current_generation():
    cache = page_cache()
    generation = cache.get(_GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        # add, not set: two workers starting together agree on one generation.
        if not cache.add(_GENERATION_KEY, generation, timeout=None):
            generation = cache.get(_GENERATION_KEY, generation)
    return generation


def clear_page_cache():
    """Drops every kept page: the next request for each renders it again."""
    page_cache().set(_GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def cache_key(request, generation):
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"pages:{generation}:{hashlib.sha1(address.encode('utf-8'), usedforsecurity=False).hexdigest()}"


def request_may_use_cache(request):
    """A visitor's GET or HEAD without a session: what they get does not depend on who they are."""
    if request.method not in ("GET", "HEAD"):
        return False
    # Wagtail's previews (and other renders of unsaved content) run through
    # the middleware as a dummy request for the page's own address.
    if getattr(request, "is_dummy", False) or getattr(request, "is_preview", False):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and _MESSAGES_COOKIE not in cookies


@hooks.register("before_serve_page")
def remember_served_page(page, request, serve_args, serve_kwargs):
    """Notes the page being served, for the response's rules below."""
    request._page_cache_page = page


def _response_may_be_kept(request, response):
    page = getattr(request, "_page_cache_page", None)
    if page is None or request.method != "GET" or response.status_code != 200:
        return False
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name != _SERVE_URL_NAME:
        return False
    if getattr(request, "is_preview", False) or response.streaming or response.cookies:
        return False
    # A form with a CSRF token: its cookie is set with the response, and the
    # token in the page belongs to this visitor.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if "private" in response.get("Cache-Control", "") or "no-store" in response.get("Cache-Control", ""):
        return False
    # Private pages (a password, signed-in users or groups) on the page or an ancestor.
    return not page.get_view_restrictions().exists()


def _seconds_to_keep(request):
    # Never past the next expiry of any live page: an index or a menu may list it.
    seconds = kept_seconds(page_cache_seconds())
    expire_at = getattr(request._page_cache_page, "expire_at", None)
    if expire_at is not None:
        seconds = min(seconds, int((expire_at - timezone.now()).total_seconds()))
    return seconds


class PageCacheMiddleware:
    """Answers visitors from the page cache, and keeps the pages it may.

    Placed after the security and CSP middleware (their headers are added to
    every answer, kept or not) and before the session middleware: an answer
    from the cache costs one cache read and no database query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not page_cache_enabled():
            return self.get_response(request)
        key = None
        if request_may_use_cache(request):
            key = cache_key(request, current_generation())
            kept = page_cache().get(key)
            if kept is not None:
                kept[STATUS_HEADER] = "hit"
                return kept
        response = self.get_response(request)
        self._mark(request, response, key)
        return response

    def _mark(self, request, response, key):
        if getattr(request, "_page_cache_page", None) is None:
            return  # not a page: its own view decides
        seconds = _seconds_to_keep(request) if key else 0
        if key and seconds > 0 and _response_may_be_kept(request, response):
            patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)
            patch_vary_headers(response, ("Cookie",))
            if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
                response.add_post_render_callback(lambda rendered: self._store(key, rendered, seconds))
            else:
                self._store(key, response, seconds)
            response[STATUS_HEADER] = "miss"
        elif "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_cache=True)

    @staticmethod
    def _store(key, response, seconds):
        page_cache().set(key, response, seconds)
