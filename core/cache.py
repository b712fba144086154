"""One version number for all published content, for caches that must follow it.

What a visitor sees (pages, listings, feeds, the sitemap) changes only when a
page is published, unpublished, moved, deleted or changes its view
restrictions. Rather than tracking which cached piece depends on which page,
caches put :func:`content_version` in their keys: every such change moves the
version on (:func:`bump_content_version`, called by ``core.cache_purge`` on
every change visitors see),
and the old entries are never read again and expire on their own.

The version is the time of the last change, so it also serves as the
``Last-Modified`` of whatever is built from the content
(:func:`content_changed_at`). A cache that lost it (a restart of the local
memory cache) starts a new version at the current time: its entries are then
rebuilt once, never served stale.
"""

import datetime
import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone
from wagtail.models import Page

VERSION_KEY = "core:content-version"


def content_cache():
    """Where the version and what is built from the content are kept: a cache every worker shares.

    The ``pages`` cache (Redis with REDIS_URL, else files, see the settings) when
    configured: a version bumped in one worker must reach the others, which
    the process-local default cache would not do. Else ``default``.
    """
    return caches["pages" if "pages" in settings.CACHES else "default"]


#: How long pieces built from the content stay cached at most: a change bumps
#: the version first; this only bounds what time alone changes (what is upcoming).
CONTENT_CACHE_SECONDS = 3600


def seconds_until_expiry(pages, now=None):
    """How long ``pages`` may be kept as they are: until the first of them expires, at most the content cache's time."""
    now = now or timezone.now()
    expiries = [page.expire_at for page in pages if page.expire_at is not None]
    if not expiries:
        return CONTENT_CACHE_SECONDS
    return max(1, min(CONTENT_CACHE_SECONDS, int((min(expiries) - now) / datetime.timedelta(seconds=1))))


def next_expiry(now=None):
    """When the next live page reaches its ``expire_at``, as a timestamp (0 when none will).

    Read once per content version: a cache of what visitors see may hold a
    page only until it expires, and a fragment does not know which pages it
    shows. Once that moment has passed the next one is read.
    """
    now = now or timezone.now()
    key = content_cache_key("visibility", "next-expiry")
    kept = content_cache().get(key)
    if kept is None or (kept and kept <= now.timestamp()):
        first = (
            Page.objects.filter(live=True, expire_at__gt=now).order_by("expire_at").values_list("expire_at", flat=True)
        ).first()
        kept = first.timestamp() if first else 0
        content_cache().set(key, kept, CONTENT_CACHE_SECONDS)
    return kept


def seconds_until_next_expiry(now=None):
    """How long until the next live page reaches its ``expire_at`` (None when none will)."""
    now = now or timezone.now()
    kept = next_expiry(now)
    return max(1, int(kept - now.timestamp())) if kept else None


def kept_seconds(seconds=CONTENT_CACHE_SECONDS):
    """How long something built from the content may be kept: ``seconds``, less when a live page expires sooner.

    What is built does not say which pages it shows, and an expired page
    leaves no trace in the content version (it is hidden by time alone).
    """
    expiry = seconds_until_next_expiry()
    return min(seconds, expiry) if expiry else seconds


def content_version():
    """The current version of the published content (a string; changes on every change)."""
    version = content_cache().get(VERSION_KEY)
    if version is None:
        version = f"{time.time():.6f}"
        # add, not set: two processes starting together agree on one version.
        if not content_cache().add(VERSION_KEY, version, timeout=None):
            version = content_cache().get(VERSION_KEY) or version
    return version


def bump_content_version(**kwargs):
    """Move the version on (a signal receiver: page published, unpublished, moved, deleted...)."""
    previous = content_cache().get(VERSION_KEY)
    version = f"{time.time():.6f}"
    if previous is not None and version <= previous:
        # Two changes within the clock's resolution still give two versions.
        version = f"{float(previous) + 0.000001:.6f}"
    content_cache().set(VERSION_KEY, version, timeout=None)


def content_changed_at():
    """When the content last changed (as far as this cache knows), an aware UTC datetime, whole seconds."""
    seconds = int(float(content_version()))
    return datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)


def content_cache_key(*parts):
    """A cache key for something built from the content: ``parts`` and the content version, hashed."""
    text = "\x1f".join(str(part) for part in (*parts, content_version()))
    return "content:" + hashlib.sha256(text.encode()).hexdigest()


def cached_content_response(request, key_parts, build, timeout=CONTENT_CACHE_SECONDS, since=None):
    """The response ``build()`` makes, built once per content version and kept, with conditional GET.

    ``key_parts`` must name everything the response depends on besides the
    content, the scheme and the host (the path, the query parameters it
    reads, a time bucket...): naming the parameters read, not the raw query
    string, keeps junk parameters from filling the cache with copies. The
    ``ETag`` derives from the key, and ``Last-Modified`` is the content's last
    change (or ``since``, when later): a client that has the current version
    gets its 304 before anything is read or rendered. Only a 200 is kept.
    """
    from django.http import HttpResponse
    from django.utils.cache import get_conditional_response
    from django.utils.http import http_date

    # The next expiry in the key: once a page expires, the answer (and its ETag) is another.
    key = content_cache_key(request.scheme, request.get_host(), *key_parts, next_expiry())
    etag = f'"{key.removeprefix("content:")[:32]}"'
    last_modified = content_changed_at()
    if since is not None and since > last_modified:
        last_modified = since.replace(microsecond=0)
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified.timestamp())
    if not_modified is not None:
        if not_modified.status_code == 304:
            # The validators go with the 304 too (RFC 9110, 15.4.5).
            not_modified["ETag"] = etag
            not_modified["Last-Modified"] = http_date(last_modified.timestamp())
        return not_modified
    kept = content_cache().get(key)
    if kept is not None:
        content, headers = kept
        response = HttpResponse(content)
        for name, value in headers.items():
            response[name] = value
    else:
        response = build()
        if not getattr(response, "is_rendered", True):
            response.render()
        if response.status_code != 200 or response.streaming:
            return response
        headers = {name: value for name, value in response.items() if name.lower() in KEPT_HEADERS}
        content_cache().set(key, (response.content, headers), kept_seconds(timeout))
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified.timestamp())
    return response


#: Headers of a built response that describe its content (kept with it).
KEPT_HEADERS = {"content-type", "content-disposition", "content-language", "x-robots-tag"}


def query_key(request, names, max_page=50):
    """The query string as part of a kept list's key, or None when the list is to be rendered afresh.

    Page links repeat the query string (``{% querystring %}``), so the key
    holds its parameters in their order. Only the ``names`` a view reads, each
    once, and a ``page`` number up to ``max_page`` are accepted: anything else
    (junk, tracking parameters) is rendered every time and leaves no copy.
    """
    items = []
    for name, values in request.GET.lists():
        if name not in names or len(values) != 1:
            return None
        value = values[0]
        if name == "page":
            # The length first: int() refuses strings of thousands of digits.
            if not (value.isascii() and value.isdigit() and len(value) <= 4 and 1 <= int(value) <= max_page):
                return None
            value = int(value)
        items.append((name, value))
    return ("query", *items)
