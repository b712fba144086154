"""Abuse limits for public endpoints: so many requests per client address per window, then 429.

``@rate_limit("search")`` on a view counts its requests per address in the
cache; past the limit the view is not run and the client gets HTTP 429 with a
``Retry-After`` header (JSON under ``/api/``, a short page elsewhere).
:class:`AnonymousPostRateLimitMiddleware` applies the same limit to every form
posted by a visitor who is not signed in (contact and page forms, the sign-in,
two-factor and password reset forms), so that a new public form is covered
without anyone remembering to decorate it.

The window is fixed (a minute by default): simple, one cache increment per
request, and at worst twice the limit across a window's edge. Loopback clients
(benchmarks, health checks, the search evaluation runner on the machine
itself) are exempt unless ``RATE_LIMIT_LOOPBACK`` is on.
"""

import time
from functools import wraps
from http import HTTPStatus

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.template.response import TemplateResponse

from core.client_address import client_address, is_loopback


def retry_after(request, scope, limit, window=60):
    """Count this request; the seconds to wait if it is over ``limit`` in its ``window``, else None."""
    if limit <= 0:
        return None
    address = client_address(request)
    if not getattr(settings, "RATE_LIMIT_LOOPBACK", False) and is_loopback(address):
        return None
    now = int(time.time())
    window_start = now - now % window
    key = f"ratelimit:{scope}:{address}:{window_start}"
    # add() is a no-op when the key exists, so concurrent first requests do not reset each other.
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add() and incr()
        cache.set(key, 1, timeout=window + 1)
        count = 1
    if count is None or count <= limit:  # None: a cache that ignores its errors is down; fail open
        return None
    return max(window_start + window - now, 1)


def too_many_requests(request, seconds):
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"error": "Too many requests: try again later.", "retry_after": seconds},
            status=HTTPStatus.TOO_MANY_REQUESTS,
        )
    else:
        response = TemplateResponse(
            request, "429.html", {"retry_after": seconds}, status=HTTPStatus.TOO_MANY_REQUESTS
        ).render()
    response["Retry-After"] = str(seconds)
    return response


def _per_minute():
    return getattr(settings, "RATE_LIMIT_PER_MINUTE", 60)


def rate_limit(scope, limit=None, window=60):
    """Decorate a view: at most ``limit`` requests (a number or a callable giving one; default
    ``RATE_LIMIT_PER_MINUTE``) per client address in ``window`` seconds, counted under ``scope``."""

    def decorator(view):
        @wraps(view)
        def limited_view(request, *args, **kwargs):
            allowed = limit if limit is not None else _per_minute
            seconds = retry_after(request, scope, allowed() if callable(allowed) else allowed, window)
            if seconds:
                return too_many_requests(request, seconds)
            return view(request, *args, **kwargs)

        return limited_view

    return decorator


class AnonymousPostRateLimitMiddleware:
    """Every form posted by a visitor who is not signed in counts against one limit per address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and not request.user.is_authenticated:
            seconds = retry_after(request, "post", _per_minute())
            if seconds:
                return too_many_requests(request, seconds)
        return self.get_response(request)
