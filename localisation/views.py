"""Visitor views that depend on language: the root redirect, the remembered choice and the 404 that helps."""

from http import HTTPStatus

from django.conf import settings
from django.http import Http404, HttpResponseNotFound, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist, loader
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.defaults import page_not_found as default_page_not_found
from wagtail.models import Page, Site

from core.site_address import absolute_url
from core.visibility import visible_pages

from .locales import PageLanguage, content_languages


def root_redirect(request):
    """Send ``/`` to the visitor's best language: the one they picked in the
    language switcher (the language cookie, see :func:`remember_language`),
    else Accept-Language, else English.

    A 302, not a 301: the answer depends on the browser, and must not be
    cached as permanent by browsers or proxies (hence ``Vary`` too).
    """
    language = translation.get_language_from_request(request)
    with translation.override(language):
        response = redirect(reverse("wagtail_serve", args=[""]))
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


def remember_language(request, language_code):
    """The language switcher's links: remember the language picked, then show the page in it.

    The choice is kept in Django's language cookie, which ``/`` (and any
    address without a language prefix) follows from then on. The pages
    themselves never set it: a page a visitor reached from a search engine is
    not a choice, and a page response that sets a cookie could not be shared
    by the page cache. ``next`` is the page in that language; an address off
    this site, or none, leads to the language's home page.
    """
    if language_code not in content_languages():
        raise Http404("No such language on this site.")
    target = request.GET.get("next", "")
    # A path on this site only: anything else (a view name, another host) is not followed.
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        with translation.override(language_code):
            target = reverse("wagtail_serve", args=[""])
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language_code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    response["X-Robots-Tag"] = "noindex"
    return response


def page_in_other_languages(request):
    """Find the page a 404 path points to in other languages.

    ``/nl/organisations/foo/`` where only ``/en/organisations/foo/`` exists: the
    path after the language prefix is looked up under every language's root of
    the site; the visible translations of what is found are returned as
    ``(translation in the requested language or None, [other translations])``.
    Two queries at most.
    """
    requested = translation.get_language_from_path(request.path_info)
    site = Site.find_for_request(request)
    if requested is None or site is None:
        return None, []
    rest = request.path_info.removeprefix(f"/{requested}/")
    candidate_paths = [root.root_path + rest for root in Site.get_site_root_paths() if root.site_id == site.pk]
    keys = visible_pages(Page.objects.filter(url_path__in=candidate_paths, depth__gt=1)).values_list(
        "translation_key", flat=True
    )
    languages = content_languages()
    translations = (
        visible_pages(Page.objects.filter(translation_key__in=keys, locale__language_code__in=languages))
        .select_related("locale")
        .order_by("pk")
    )
    in_requested, others = None, {}
    for page in translations:
        code = page.locale.language_code
        if code == requested:
            in_requested = in_requested or page
        else:
            others.setdefault(code, page)
    ordered = [others[code] for code in languages if code in others]
    return in_requested, ordered


def home_page_languages(request):
    """Every language's home page, for a 404 that has nothing better to offer."""
    current = translation.get_language()
    versions = []
    for code, name in content_languages().items():
        with translation.override(code):
            url = reverse("wagtail_serve", args=[""])
        versions.append(
            PageLanguage(code, name, url, absolute_url(url, request), is_current=code == current, is_default=False)
        )
    return versions


def page_not_found(request, exception, template_name="404.html"):
    """A 404 that never leaves the visitor stranded.

    When the page exists in the requested language under another address
    (an English slug typed after ``/nl/``), redirect to it. When it exists only
    in other languages, answer 404 with links to each. Otherwise the site's
    404 page, whose language switcher leads to each language's home page
    (the same path in another language would be just as missing).
    """
    in_requested, others = page_in_other_languages(request)
    if in_requested is not None:
        return redirect(in_requested.get_url(request=request))
    if not others:
        try:
            template = loader.get_template(template_name)
        except TemplateDoesNotExist:
            return default_page_not_found(request, exception, template_name)
        context = {"request_path": request.path, "language_versions": home_page_languages(request)}
        return HttpResponseNotFound(template.render(context, request))
    language_versions = [
        PageLanguage(
            language_code=page.locale.language_code,
            name=content_languages()[page.locale.language_code],
            url=page.get_url(request=request),
            full_url=page.get_full_url(request=request),
            is_current=False,
            is_default=False,
        )
        for page in others
    ]
    return render(
        request,
        "localisation/page_not_in_language.html",
        {"language_versions": language_versions},
        status=HTTPStatus.NOT_FOUND,
    )
