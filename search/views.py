"""The search page and the JSON search API: both thin faces of ``search.service``."""

from http import HTTPStatus

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from wagtail.models import Site

from core.ratelimit import rate_limit
from search import service
from search.analysis import site_languages


def _error(message):
    return JsonResponse({"error": str(message)}, status=HTTPStatus.BAD_REQUEST)


@require_GET
@rate_limit("search")
def search_api(request):
    """``GET /api/search/``: see docs/search-api.md."""
    try:
        params = service.parse_search_params(request.GET)
    except service.SearchError as error:
        return _error(error)
    # Grouped, each page shows in the visitor's language: ``locale`` if
    # given, else Accept-Language's, as the locale middleware read it.
    params.language = _visitor_language()
    response = service.search(params, Site.find_for_request(request), request)
    return JsonResponse(response.as_dict(), json_dumps_params={"ensure_ascii": False})


def _visitor_language():
    """The language of the request (its prefix, cookie or Accept-Language) among the site's."""
    language = get_language() or ""
    for code in (language, language.split("-")[0]):
        if code in site_languages():
            return code
    return None


@require_GET
@rate_limit("suggest")
def suggest_api(request):
    """``GET /api/search/suggest/``: titles for the as-you-type box."""
    try:
        prefix = service.clean_query(request.GET.get("q"), service.MAX_SUGGEST_LENGTH)
        locale = service.clean_locale(request.GET.get("locale"))
        # The language of the page typed on (its titles come first), else the request's.
        language = service.clean_locale(request.GET.get("language")) or _visitor_language()
    except service.SearchError as error:
        return _error(error)
    suggestions = service.suggest(prefix, locale, Site.find_for_request(request), request, language=language)
    return JsonResponse({"suggestions": suggestions}, json_dumps_params={"ensure_ascii": False})


@require_GET
@rate_limit("search_page")
def search_page(request):
    """The visitor's search page: results, facets as filters, snippets, pagination.

    The language filter defaults to every language; the page's own language is
    offered first in the filter list. Results are grouped by translation: each
    page once, in the page's language when it has a version in it, with
    links to its other languages.
    """
    context = {
        "search_query": request.GET.get("q", "").strip()[: service.MAX_QUERY_LENGTH],
        "types": service.search_types(),
    }
    status = HTTPStatus.OK
    if "q" in request.GET:
        try:
            params = service.parse_search_params(request.GET)
        except service.SearchError as error:
            context["error"] = error
            status = HTTPStatus.BAD_REQUEST
        else:
            # One result per page, in the language of the page searched from.
            params.group, params.language = True, _visitor_language()
            response = service.search(params, Site.find_for_request(request), request)
            paginator = Paginator(range(response.count), params.page_size)
            context.update(
                params=params,
                response=response,
                page_obj=paginator.get_page(params.page) if response.count else None,
                type_facets=_facet_links(response.facets["type"], params.types, service.search_types()),
                locale_facets=_facet_links(
                    response.facets["locale"], [params.locale] if params.locale else [], site_languages()
                ),
            )
    context["current_language"] = get_language()
    return render(request, "search/search.html", context, status=status)


def _facet_links(counts, selected, order):
    return [
        {"value": value, "count": counts.get(value, 0), "selected": value in selected}
        for value in order
        if counts.get(value) or value in selected
    ]
