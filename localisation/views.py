"""Visitor views that depend on language: the root redirect and the 404 that helps."""

from http import HTTPStatus

from django.http import HttpResponseNotFound
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist, loader
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.defaults import page_not_found as default_page_not_found
from wagtail.models import Page, Site

from core.visibility import visible_pages

from .locales import PageLanguage, content_languages


def root_redirect(request):
    """Send ``/`` to the visitor's best language: Accept-Language, else English.

    A 302, not a 301: the answer depends on the browser, and must not be
    cached as permanent by browsers or proxies (hence ``Vary`` too).
    """
    language = translation.get_language_from_request(request)
    with translation.override(language):
        response = redirect(reverse("wagtail_serve", args=[""]))
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
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
            PageLanguage(code, name, url, request.build_absolute_uri(url), is_current=code == current, is_default=False)
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
