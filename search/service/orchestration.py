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

from search.analysis import (
    analyse_prefix,
    analyse_query,
    attach_tag_names,
    fold_accents,
    language_of_locale,
    locale_of_language,
    name_keys,
    page_language,
    site_languages,
    tokens,
)
from search.analysis.fuzzy import expand_fuzzy
from search.analysis.query import typed_prefix_keys
from search.engine import get_search_engine
from search.service import grouping, query_log, ranking
from search.service.corrections import corrected_query
from search.service.promotions import matched_count, promoted_pages
from search.service.results import SearchResponse, make_hit, page_url, specific_pages
from search.service.snippets import token_matcher
from search.service.visibility import filter_types, in_language, type_namer, visible_pages

MAX_SUGGESTIONS = 8


def log_query(query_string, results):
    """Count the query and the ``results`` it found for the editors' popular
    searches (:mod:`~search.service.query_log`): in memory now, written once
    the response is out; never waits, never fails a search."""
    query_log.record(query_string, results)


def _facets_and_count(matches, types, type_name, grouped):
    """The facets of every match (by type and by language), and how many are
    of the ``types`` asked for. Grouped, the count and the type facet count
    pages (translation keys), each once whatever its languages; the
    language facet counts the pages matched in each language."""
    by_type, by_locale = Counter(), Counter()
    count = 0
    for (content_type, locale), matched in matches.counts.items():
        by_locale[language_of_locale(locale)] += matched
        if not grouped:
            name = type_name(content_type)
            by_type[name] += matched
            if not types or name in types:
                count += matched
    if grouped:
        for content_type, matched in matches.translations.items():
            name = type_name(content_type)
            by_type[name] += matched
            if not types or name in types:
                count += matched
    return {"type": dict(by_type.most_common()), "locale": dict(by_locale.most_common())}, count


def _visitor_locale(params):
    """The locale id of the visitor's language when results are grouped (``None``: not grouped)."""
    if not params.group:
        return None
    return locale_of_language(params.locale or params.language or "")


def _grouped_hits(ranked, pages, params, locale_id, content_types, start):
    """This page of results grouped by translation: ``[(pk shown, group)]``."""
    groups = grouping.translation_groups(ranked)[start : start + params.page_size]
    grouping.choose_versions(groups, pages, locale_id, content_types)
    return [(group.shown, group) for group in groups]


def _translation_links(group, request):
    return [
        {"locale": page_language(page), "title": page.title, "url": page_url(page, request)} for page in group.others
    ]


def search(params, site, request=None, log=True):
    """Ranked, faceted, paginated results of ``params`` among the visible pages
    of ``site``, one per translated page when ``params.group``."""
    response = SearchResponse(params=params)
    analysed = analyse_query(params.q, [params.locale] if params.locale else None)
    if not analysed:
        if log:
            log_query(params.q, 0)
        return response
    analysed = expand_fuzzy(analysed)
    pages = in_language(visible_pages(site), params.locale)
    engine = get_search_engine()
    promoted = promoted_pages(params, filter_types(pages, params.types))
    start = (params.page - 1) * params.page_size
    # Enough of the best rows to re-rank and to show this page of results
    # once the promoted pages are put first (grouped: each page in any of
    # the site's languages).
    limit = max(ranking.RERANK_DEPTH, start + params.page_size + len(promoted))
    if params.group:
        limit = max(ranking.RERANK_DEPTH, (start + params.page_size + len(promoted)) * len(site_languages()))
    matches = ranking.engine_matches(analysed, pages, engine, params.types, limit, count_translations=params.group)

    type_name = type_namer()
    response.facets, count = _facets_and_count(matches, params.types, type_name, params.group)
    locale_id = _visitor_locale(params)
    ranked = [
        pk
        for pk, _ct, _locale in ranking.rerank(
            analysed, matches.rows, engine, matches.terms, preferred_locale=locale_id
        )
    ]
    if promoted:
        shown_first = set(promoted)
        ranked = promoted + [pk for pk in ranked if pk not in shown_first]
        count += len(promoted) - matched_count(analysed, pages, engine, promoted, matches, count)
    response.count = count
    if log:
        log_query(params.q, count)

    content_types = {pk: content_type for pk, content_type, _locale in matches.rows}
    if params.group:
        shown_groups = _grouped_hits(ranked, filter_types(pages, params.types), params, locale_id, content_types, start)
    else:
        shown_groups = [(pk, None) for pk in ranked[start : start + params.page_size]]
    shown = [pk for pk, _group in shown_groups]
    by_pk = {page.pk: page for page in attach_tag_names(specific_pages(shown, content_types))}
    matcher = token_matcher(analysed)
    promoted_set = set(promoted)
    response.results = []
    for pk, group in shown_groups:
        if pk not in by_pk:
            continue
        hit = make_hit(
            by_pk[pk],
            analysed,
            request,
            type_name,
            matcher,
            promoted=pk in promoted_set or bool(group and promoted_set.intersection(group.matched)),
        )
        if group is not None:
            hit.translations = _translation_links(group, request)
        response.results.append(hit)
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


def _title_has_typed_word(title, typed, keys):
    """Whether a word of ``title`` starts with or contains the word being typed:
    as written (accents aside), or in another script or spelling (one of its
    name keys starts with one of the typed word's ``keys``)."""
    folded = fold_accents(typed)
    for _start, _end, token in tokens(title):
        if folded in fold_accents(token):
            return True
        if keys and any(key.startswith(keys) for key in name_keys(token)):
            return True
    return False


def suggest(prefix, locale, site, request=None, language=None):
    """Up to :data:`MAX_SUGGESTIONS` visible pages whose title words start with
    what was typed, in any script or spelling (``Poes`` → Poesjkin, ``Пуш`` →
    Пушкин): titles in the visitor's ``language`` first, then the others,
    each the shortest first. A page whose title holds no word starting with
    (or containing) the word being typed is never suggested, whatever else
    its analysed terms meet (a synonym, a stem's prefix)."""
    pages = in_language(visible_pages(site), locale)
    analysed = analyse_prefix(prefix, [locale] if locale else None)
    if not analysed:
        return []
    candidates = MAX_SUGGESTIONS * 4  # the engine's best, then the visitor's language and the shortest titles first
    rows = get_search_engine().prefix_matches(analysed, pages, limit=candidates)
    specific = specific_pages(
        [pk for pk, _ct, _locale in rows], {pk: content_type for pk, content_type, _locale in rows}
    )
    typed = analysed.words[-1].text
    keys = tuple(sorted(typed_prefix_keys(typed)))
    visitor_locale = locale_of_language(language) if language else None
    ordered = sorted(
        (page for page in specific if _title_has_typed_word(page.title, typed, keys)),
        key=lambda page: (page.locale_id != visitor_locale, len(page.title), page.title),
    )[:MAX_SUGGESTIONS]
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
