"""The one search service behind the search page, the JSON API and suggestions.

Split by concern:

- :mod:`~search.service.parameters`: the parameters of a search, validated;
- :mod:`~search.service.visibility`: the pages a search looks at;
- :mod:`~search.service.ranking`: the engine's matches, re-ranked;
- :mod:`~search.service.promotions`: the editors' promoted results;
- :mod:`~search.service.results` and :mod:`~search.service.snippets`: the
  hits shown and their snippets;
- :mod:`~search.service.query_log`: the count of visitors' queries;
- :mod:`~search.service.orchestration`: :func:`search` and :func:`suggest`.

Callers import what they need from this package.
"""

from search.service.orchestration import MAX_SUGGESTIONS, search, suggest
from search.service.parameters import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    MAX_QUERY_LENGTH,
    MAX_SUGGEST_LENGTH,
    SearchError,
    SearchParams,
    clean_locale,
    clean_query,
    other_type,
    parse_search_params,
    search_types,
)
from search.service.results import SearchHit, SearchResponse
from search.service.visibility import filter_types, visible_pages

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "MAX_PAGE_SIZE",
    "MAX_QUERY_LENGTH",
    "MAX_SUGGESTIONS",
    "MAX_SUGGEST_LENGTH",
    "SearchError",
    "SearchHit",
    "SearchParams",
    "SearchResponse",
    "clean_locale",
    "clean_query",
    "filter_types",
    "other_type",
    "parse_search_params",
    "search",
    "search_types",
    "suggest",
    "visible_pages",
]
