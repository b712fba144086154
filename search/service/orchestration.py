"""The one search service behind the search page, the JSON API and suggestions.

Every surface calls :func:`search` or :func:`suggest` with validated
parameters (:mod:`~search.service.parameters`), so that they show the same
results, facets and snippets, and start from the same queryset of what a
visitor may see (:mod:`~search.service.visibility`). The search engine
(:mod:`search.engine`) finds and counts the matches, the re-ranking
(:mod:`~search.service.ranking`) orders its best, the editors' promotions
(:mod:`~search.service.promotions`) come first, and each hit shown gets its
snippet (:mod:`~search.service.snippets`).

A search's work is bounded whatever the pages hold: the re-ranking reads at
most :data:`~search.matches.MAX_RERANKED_TERMS_TEXT` characters of a page's
terms, a snippet at most :data:`~search.service.snippets.MAX_SNIPPET_SOURCE`
of its text, and the query is counted for the editors without waiting on the
database (:mod:`~search.service.query_log`).
"""

from collections import Counter

from search.analysis import analyse_prefix, analyse_query, attach_tag_names, language_of_locale, page_language
from search.analysis.fuzzy import expand_fuzzy
from search.engine import get_search_engine
from search.service import query_log, ranking
from search.service.corrections import corrected_query
from search.service.promotions import matched_count, promoted_pages
from search.service.results import SearchResponse, make_hit, page_url, specific_pages
from search.service.snippets import token_matcher
from search.service.visibility import filter_types, in_language, type_namer, visible_pages

MAX_SUGGESTIONS = 8


def log_query(query_string):
    """Count the query for the editors' popular searches (:mod:`~search.service.query_log`):
    in memory now, written once the response is out; never waits, never fails a search."""
    query_log.record(query_string)


def _facets_and_count(matches, types, type_name):
    """The facets of every match (by type and by language), and how many are of the ``types`` asked for."""
    by_type, by_locale = Counter(), Counter()
    count = 0
    for (content_type, locale), matched in matches.counts.items():
        name = type_name(content_type)
        by_type[name] += matched
        by_locale[language_of_locale(locale)] += matched
        if not types or name in types:
            count += matched
    return {"type": dict(by_type.most_common()), "locale": dict(by_locale.most_common())}, count


def search(params, site, request=None, log=True):
    """Ranked, faceted, paginated results of ``params`` among the visible pages of ``site``."""
    response = SearchResponse(params=params)
    analysed = analyse_query(params.q, [params.locale] if params.locale else None)
    if log:
        log_query(params.q)
    if not analysed:
        return response
    analysed = expand_fuzzy(analysed)
    pages = in_language(visible_pages(site), params.locale)
    engine = get_search_engine()
    promoted = promoted_pages(params, filter_types(pages, params.types))
    start = (params.page - 1) * params.page_size
    # Enough of the best rows to re-rank and to show this page of results
    # once the promoted pages are put first.
    limit = max(ranking.RERANK_DEPTH, start + params.page_size + len(promoted))
    matches = ranking.engine_matches(analysed, pages, engine, params.types, limit)

    type_name = type_namer()
    response.facets, count = _facets_and_count(matches, params.types, type_name)
    ranked = [pk for pk, _ct, _locale in ranking.rerank(analysed, matches.rows, engine, matches.terms)]
    if promoted:
        shown_first = set(promoted)
        ranked = promoted + [pk for pk in ranked if pk not in shown_first]
        count += len(promoted) - matched_count(analysed, pages, engine, promoted, matches, count)
    response.count = count

    shown = ranked[start : start + params.page_size]
    content_types = {pk: content_type for pk, content_type, _locale in matches.rows}
    by_pk = {page.pk: page for page in attach_tag_names(specific_pages(shown, content_types))}
    matcher = token_matcher(analysed)
    response.results = [
        make_hit(by_pk[pk], analysed, request, type_name, matcher, promoted=pk in promoted)
        for pk in shown
        if pk in by_pk
    ]
    if analysed.is_fuzzy:
        # The pages a correction is read from: the best ones (this page of
        # results, or the first when the visitor paged on).
        best = [by_pk[pk] for pk in shown if pk in by_pk] if start == 0 else None
        if best is None:
            first = ranked[: params.page_size]
            best = specific_pages(first, content_types)
            best.sort(key=lambda page: first.index(page.pk))
        response.did_you_mean = corrected_query(analysed, best)
    return response


def suggest(prefix, locale, site, request=None):
    """Up to :data:`MAX_SUGGESTIONS` visible pages whose title words start with
    what was typed, in any script or spelling (``Poes`` → Poesjkin, ``Пуш`` → Пушкин)."""
    pages = in_language(visible_pages(site), locale)
    analysed = analyse_prefix(prefix, [locale] if locale else None)
    if not analysed:
        return []
    candidates = MAX_SUGGESTIONS * 4  # the engine's best, then the shortest titles first
    rows = get_search_engine().prefix_matches(analysed, pages, limit=candidates)
    specific = specific_pages(
        [pk for pk, _ct, _locale in rows], {pk: content_type for pk, content_type, _locale in rows}
    )
    ordered = sorted(specific, key=lambda page: (len(page.title), page.title))[:MAX_SUGGESTIONS]
    type_name = type_namer()
    return [
        {
            "title": page.title,
            "url": page_url(page, request),
            "type": type_name(page.content_type_id),
            "locale": page_language(page),
        }
        for page in ordered
    ]
