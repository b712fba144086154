"""Template tags for the language switcher and the hreflang links."""

from django import template
from django.urls import translate_url
from wagtail.models import Page

from core.cache import content_cache, content_cache_key, seconds_until_expiry
from core.site_address import site_root_url
from core.visibility import visible_pages
from localisation.locales import PageLanguage, content_languages, default_language_code

register = template.Library()


def _kept_page_languages(page, request):
    """:func:`_page_languages` built once per page, address and content version.

    The switcher and the hreflang links of a page change only when one of its
    translations is published, unpublished, moved or expires. A preview is
    always built: it shows a draft, and the page itself even when not live.
    """
    if getattr(request, "is_preview", False):
        return _page_languages(page, request)[0]
    key = content_cache_key("page-languages", page.pk, request.scheme, request.get_host())
    kept = content_cache().get(key)
    if kept is None:
        kept, timeout = _page_languages(page, request)
        content_cache().set(key, kept, timeout)
    return kept


def _page_languages(page, request):
    """The live, public translations of ``page`` (itself included, even as a preview), and how long they hold."""
    languages = content_languages()
    translations = {
        translation.locale.language_code: translation
        for translation in visible_pages(
            Page.objects.filter(translation_key=page.translation_key, locale__language_code__in=languages)
        ).select_related("locale")
    }
    translations[page.locale.language_code] = page
    default_code = default_language_code()
    # x-default: the default language's version, else the oldest translation,
    # which is the source the others were translated from.
    x_default = translations.get(default_code) or min(translations.values(), key=lambda p: p.pk)
    result = []
    for code, name in languages.items():
        translation = translations.get(code)
        if translation is None:
            continue
        url = translation.get_url(request=request)
        if url is None:  # not routable (outside every site)
            continue
        result.append(
            PageLanguage(
                language_code=code,
                name=name,
                url=url,
                full_url=translation.get_full_url(request),  # the Site's address (core/site_address.py)
                is_current=translation.pk == page.pk,
                is_default=translation.pk == x_default.pk,
            )
        )
    return result, seconds_until_expiry(translations.values())


def _path_languages(request):
    """For views that are not pages (search, 404): the same path under each prefix.

    Every language is offered, as these views exist in all of them. A
    ``locale`` filter in the query string (the search page's language filter)
    follows the switch, so the visitor sees results in the language chosen.
    """
    current = getattr(request, "LANGUAGE_CODE", None)
    default_code = default_language_code()
    base = site_root_url(request)
    query = request.GET.copy()
    result = []
    for code, name in content_languages().items():
        if "locale" in query:
            query["locale"] = code
        path = f"{request.path}?{query.urlencode()}" if query else request.path
        url = translate_url(path, code)
        result.append(
            PageLanguage(
                language_code=code,
                name=name,
                url=url,
                full_url=base + url,
                is_current=code == current,
                is_default=code == default_code,
            )
        )
    return result


@register.simple_tag(takes_context=True)
def page_languages(context):
    """The languages the current page exists in, with their URLs.

    Computed once per request and page (the switcher and the hreflang links
    share it), and for a page kept until the content changes: no query once kept.
    """
    if "language_versions" in context:  # set by views that know better (the 404)
        return context["language_versions"]
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page):
        page = None
    if request is None:
        return _page_languages(page, None)[0] if page else []
    cache = request.__dict__.setdefault("_localisation_page_languages", {})
    key = page.pk if page else None
    if key not in cache:
        cache[key] = _kept_page_languages(page, request) if page is not None else _path_languages(request)
    return cache[key]
