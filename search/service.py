"""The one search service behind the search page, the JSON API and suggestions.

Every surface calls :func:`search` or :func:`suggest` with validated
parameters (:func:`parse_search_params`), so that they show the same results,
facets and snippets, and start from the same queryset of what a visitor may
see (:func:`visible_pages`).

Ranking has two stages: the search backend finds every page matching any
analysed term of the query and orders them (BM25 or ``ts_rank``); the best
:data:`RERANK_DEPTH` are then re-scored in Python from their indexed terms, by
how many of the query's words each matches, in the title or the text, weighted
by how rare the word is. The second stage makes ranking the same on SQLite and
PostgreSQL and rewards pages that match the whole query.

A search's work is bounded whatever the pages hold: the re-ranking reads at
most :data:`~search.backends.database.MAX_RERANKED_TERMS_TEXT` characters of a
page's terms, a snippet at most :data:`~search.snippets.MAX_SNIPPET_SOURCE` of
its text, and the query is counted for the editors without waiting on the
database (:mod:`search.query_log`).
"""

import logging
import math
from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from core import visibility
from search import query_log
from search.analysis import (
    analyse_prefix,
    analyse_query,
    attach_tag_names,
    language_of_locale,
    locale_of_language,
    page_language,
    site_languages,
)
from search.backends.database import AnalysedSearchQuery, RankedMatches
from search.snippets import highlight, page_plain_text, token_matcher

logger = logging.getLogger("compatriots.search")

#: API type name → page model; every other page is a ``page``.
TYPE_MODELS = {
    "organisation": "organisations.OrganisationPage",
    "heritage_project": "heritage.HeritageProjectPage",
    "jubilee": "organisations.JubileePage",
    "event": "events.EventPage",
}
OTHER_TYPE = "page"
TYPES = [*TYPE_MODELS, OTHER_TYPE]

MAX_QUERY_LENGTH = 200
MAX_SUGGEST_LENGTH = 100
DEFAULT_PAGE_SIZE = 10
MAX_PAGE_SIZE = 50
MAX_SUGGESTIONS = 8
#: How many of the engine's best matches are re-ranked in Python.
RERANK_DEPTH = 100


class SearchError(ValueError):
    """Bad search parameters: the message says what is wrong (answered with 400)."""


@dataclass
class SearchParams:
    q: str
    locale: str | None = None
    types: list = field(default_factory=list)
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE


@dataclass
class SearchHit:
    page: Page
    id: str | None
    title: str
    url: str
    locale: str
    type: str
    snippet: str
    promoted: bool = False

    def as_dict(self):
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "locale": self.locale,
            "type": self.type,
            "snippet": self.snippet,
        }


@dataclass
class SearchResponse:
    params: SearchParams
    count: int = 0
    results: list = field(default_factory=list)
    facets: dict = field(default_factory=lambda: {"type": {}, "locale": {}})

    @property
    def num_pages(self):
        return max(1, math.ceil(self.count / self.params.page_size))

    def as_dict(self):
        return {
            "query": self.params.q,
            "count": self.count,
            "page": self.params.page,
            "page_size": self.params.page_size,
            "results": [hit.as_dict() for hit in self.results],
            "facets": self.facets,
        }


# Parameters -------------------------------------------------------------------


def _positive_int(value, name, default, maximum=None):
    if value is None or value == "":
        return default
    value = value.strip()
    if not value.isascii() or not value.isdigit() or int(value) < 1:
        raise SearchError(_("“%(name)s” must be a positive whole number.") % {"name": name})
    number = int(value)
    if maximum is not None and number > maximum:
        raise SearchError(_("“%(name)s” must be at most %(maximum)s.") % {"name": name, "maximum": maximum})
    return number


def clean_query(value, maximum):
    """The trimmed query, or a :class:`SearchError` saying why it cannot be searched."""
    query = (value or "").replace("\x00", "").strip()
    if not query:
        raise SearchError(_("Give a search query “q”."))
    if len(query) > maximum:
        raise SearchError(_("The query “q” is too long: at most %(maximum)s characters.") % {"maximum": maximum})
    return query


def clean_locale(value):
    if value is None or value == "":
        return None
    if value not in site_languages():
        raise SearchError(
            _("Unknown locale “%(locale)s”: use one of %(locales)s.")
            % {"locale": value[:20], "locales": ", ".join(site_languages())}
        )
    return value


def parse_search_params(data, page_size_default=DEFAULT_PAGE_SIZE):
    """Validate a ``QueryDict`` of search parameters (``q``, ``locale``, ``type``, ``page``, ``page_size``)."""
    types = [value for value in data.getlist("type") if value != ""]
    unknown = [value for value in types if value not in TYPES]
    if unknown:
        raise SearchError(
            _("Unknown type “%(type)s”: use one of %(types)s.") % {"type": unknown[0][:30], "types": ", ".join(TYPES)}
        )
    return SearchParams(
        q=clean_query(data.get("q"), MAX_QUERY_LENGTH),
        locale=clean_locale(data.get("locale")),
        types=list(dict.fromkeys(types)),
        page=_positive_int(data.get("page"), "page", 1, maximum=10_000),
        page_size=_positive_int(data.get("page_size"), "page_size", page_size_default, maximum=MAX_PAGE_SIZE),
    )


# What may be seen --------------------------------------------------------------


def visible_pages(site):
    """Pages a visitor may see on ``site`` (:mod:`core.visibility`); none without a site.
    Every search surface starts from this queryset, which a search backend can
    filter on (expiry by page id)."""
    if site is None:
        return Page.objects.none()
    return visibility.visible_pages(Page.objects.all(), site, expiry_by_id=True)


def _type_content_types():
    """``{type name: content type id}`` of the typed page models (content types are cached by Django)."""
    from django.contrib.contenttypes.models import ContentType

    return {
        name: ContentType.objects.get_for_model(apps.get_model(label), for_concrete_model=False).pk
        for name, label in TYPE_MODELS.items()
    }


def type_namer():
    """A function from a content type id to its API type name (``page`` for the untyped)."""
    names = {pk: name for name, pk in _type_content_types().items()}
    return lambda content_type_id: names.get(content_type_id, OTHER_TYPE)


def filter_types(pages, types):
    if not types:
        return pages
    content_types = _type_content_types()
    condition = Q(content_type_id__in=[content_types[name] for name in types if name != OTHER_TYPE])
    if OTHER_TYPE in types:
        condition |= ~Q(content_type_id__in=content_types.values())
    return pages.filter(condition)


# Ranking -------------------------------------------------------------------------


def _engine_matches(analysed, pages, backend, types, limit):
    """The :class:`~search.backends.database.RankedMatches` of the query among
    ``pages``: the best ``limit`` of the ``types`` asked for (all when none
    are), every match counted."""
    query = AnalysedSearchQuery(analysed)
    if hasattr(backend, "ranked_matches"):
        wanted = filter_types(Page.objects.all(), types) if types else None
        return backend.ranked_matches(query, pages, limit, wanted=wanted)
    results = backend.search(query, pages)[:1000]
    type_name = type_namer()
    return RankedMatches.of(
        [(page.pk, page.content_type_id, page.locale_id) for page in results],
        wanted=(lambda row: type_name(row[1]) in types) if types else None,
        limit=limit,
    )


@dataclass
class IndexedTerms:
    """A page's indexed terms, counted: what the re-ranking reads."""

    title: frozenset
    counts: Counter
    length: int

    @classmethod
    def of(cls, title_terms, body_terms):
        return cls(title=frozenset(title_terms), counts=Counter(body_terms), length=len(body_terms))

    def in_title(self, word):
        return bool(word.terms & self.title) or any(term.startswith(word.prefixes) for term in self.title)

    def frequency(self, word, prefix_matched):
        """How many of the page's terms match ``word``: exactly, or by one of its
        prefixes (``prefix_matched``: the terms of the re-ranked pages that match
        it by a prefix only, see :func:`prefix_matched_terms`)."""
        counts = self.counts
        frequency = sum(counts.get(term, 0) for term in word.terms)
        if prefix_matched:
            # Whichever is smaller is walked: the page's terms are capped, the
            # prefix matches of a query over many pages may be more.
            if len(prefix_matched) < len(counts):
                frequency += sum(counts.get(term, 0) for term in prefix_matched)
            else:
                frequency += sum(count for term, count in counts.items() if term in prefix_matched)
        return frequency


def prefix_matched_terms(word, vocabulary):
    """The terms of ``vocabulary`` (every term of the re-ranked pages) that
    match ``word`` by a prefix only, found once per query: the re-ranked pages
    share most of their vocabulary."""
    if not word.prefixes:
        return frozenset()
    return frozenset(term for term in vocabulary - word.terms if term.startswith(word.prefixes))


def _score(analysed, document, frequencies, idf):
    """How well a page's terms answer the query: every word counts once, by
    rarity, more in the title; pages matching more of the words come first."""
    score = 0.0
    matched = 0
    for word, frequency in zip(analysed.words, frequencies, strict=True):
        in_title = document.in_title(word)
        if in_title or frequency:
            matched += 1
        saturated = frequency / (frequency + 1.2 * (0.25 + 0.75 * document.length / 300))
        score += idf[word.text] * (2.0 * in_title + saturated)
    coverage = matched / len(analysed.words)
    return score * (0.5 + coverage) + 10 * (coverage == 1 and len(analysed.words) > 1)


@dataclass(frozen=True)
class PageRef:
    """A page known by its primary key and content type, all the index needs."""

    pk: int
    content_type_id: int


def rerank(analysed, rows, backend, terms=None):
    """Re-score the engine's best rows in Python (see the module docstring),
    from their indexed ``terms`` (``{pk: (title terms, all terms)}``) when the
    engine gave them, else as the backend reads them."""
    head, tail = rows[:RERANK_DEPTH], rows[RERANK_DEPTH:]
    if terms is None:
        if not hasattr(backend, "analysed_terms") or not head:
            return rows
        terms = backend.analysed_terms([PageRef(pk, content_type) for pk, content_type, _locale in head])
    terms = {pk: terms[pk] for pk, _content_type, _locale in head if pk in terms}
    documents = {pk: IndexedTerms.of(title, body) for pk, (title, body) in terms.items()}
    vocabulary = set().union(*(document.counts.keys() for document in documents.values()))
    matchers = [(word, prefix_matched_terms(word, vocabulary)) for word in analysed.words]
    frequencies = {
        pk: [document.frequency(word, matched) for word, matched in matchers] for pk, document in documents.items()
    }
    idf = {}
    for position, word in enumerate(analysed.words):
        having = sum(1 for counts in frequencies.values() if counts[position])
        idf[word.text] = math.log(1 + (len(documents) + 1) / (having + 0.5))
    scored = {pk: _score(analysed, document, frequencies[pk], idf) for pk, document in documents.items()}
    head = sorted(head, key=lambda row: -scored.get(row[0], 0.0))  # stable: ties keep the engine's order
    return head + tail


# The search ------------------------------------------------------------------------


def _page_url(page, request):
    parts = page.get_url_parts(request)
    return parts[2] if parts else page.url_path


def _hit(page, analysed, request, type_name, matches, promoted=False):
    language = page_language(page)
    return SearchHit(
        page=page,
        id=getattr(page, "external_id", "") or None,
        title=page.title,
        url=_page_url(page, request),
        locale=language,
        type=type_name(page.content_type_id),
        snippet=highlight(page_plain_text(page) or page.title, analysed, language, matches=matches),
        promoted=promoted,
    )


def promotion_language(params):
    """The language whose promotions a search shows: the one searched in, or,
    for a search in every language, the visitor's own (the language of the
    page they search from, or of their browser for the API)."""
    if params.locale:
        return params.locale
    language = translation.get_language() or ""
    languages = site_languages()
    return language if language in languages else language.split("-")[0]


def _promoted_pages(params, pages):
    """Live, visible pages an editor promoted for this query, in their order.

    Promotions are per query and language: a promotion of a page in one
    language answers the searches in that language (see
    :func:`promotion_language`), so the same query can promote the Dutch page
    to Dutch visitors and the French one to French visitors.
    """
    from wagtail.contrib.search_promotions.models import SearchPromotion

    promoted = list(
        SearchPromotion.objects.filter(
            query__query_string=normalise_query_string(params.q),
            page__locale__language_code=promotion_language(params),
        )
        .order_by("sort_order")
        .values_list("page_id", flat=True)
    )
    if not promoted:  # most queries: the visible pages need not be asked
        return []
    visible = set(pages.filter(pk__in=promoted).values_list("pk", flat=True))
    return [pk for pk in promoted if pk in visible]


def _matched_count(analysed, pages, backend, promoted, matches, count):
    """How many of the ``promoted`` pages (of the types asked for) match the
    query too, and so are counted once, not twice: read from the engine's rows
    when it returned all ``count`` wanted matches, else asked of it."""
    if len(matches.rows) >= count:
        matched = {row[0] for row in matches.rows}
        return sum(1 for pk in promoted if pk in matched)
    among = _engine_matches(analysed, pages.filter(pk__in=promoted), backend, (), len(promoted))
    return sum(among.counts.values())


def specific_pages(pks, content_types):
    """The pages of ``pks`` as their own models, with their locales.

    ``content_types`` maps the pages whose type the engine gave to it: each
    model is asked for its pages at once, where Wagtail's ``specific()`` would
    first ask every page's type. A page not in it (a promoted page the query
    does not match) has its type asked.
    """
    from django.contrib.contenttypes.models import ContentType

    unknown = [pk for pk in pks if pk not in content_types]
    if unknown:
        content_types = {**content_types, **dict(Page.objects.filter(pk__in=unknown).values_list("pk", "content_type"))}
    by_type = {}
    for pk in pks:
        if pk in content_types:
            by_type.setdefault(content_types[pk], []).append(pk)
    pages = []
    for content_type, type_pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type).model_class()
        if model is not None:  # None: a page model removed from the code
            pages.extend(model.objects.filter(pk__in=type_pks).select_related("locale"))
    return pages


def log_query(query_string):
    """Count the query for the editors' popular searches (:mod:`search.query_log`):
    in memory now, written once the response is out; never waits, never fails a search."""
    query_log.record(query_string)


def in_language(pages, language_code):
    """Pages in ``language_code`` (all when it is empty).

    Filters on the locale itself: search backends filter on indexed fields
    (``locale`` is one), not on lookups across relations.
    """
    if not language_code:
        return pages
    locale_id = locale_of_language(language_code)
    return pages.none() if locale_id is None else pages.filter(locale_id=locale_id)


def search(params, site, request=None, log=True):
    """Ranked, faceted, paginated results of ``params`` among the visible pages of ``site``."""
    response = SearchResponse(params=params)
    analysed = analyse_query(params.q, [params.locale] if params.locale else None)
    if log:
        log_query(params.q)
    if not analysed:
        return response
    pages = in_language(visible_pages(site), params.locale)
    backend = get_search_backend()
    promoted = _promoted_pages(params, filter_types(pages, params.types))
    start = (params.page - 1) * params.page_size
    # Enough of the best rows to re-rank and to show this page of results
    # once the promoted pages are put first.
    limit = max(RERANK_DEPTH, start + params.page_size + len(promoted))
    matches = _engine_matches(analysed, pages, backend, params.types, limit)

    type_name = type_namer()
    by_type, by_locale = Counter(), Counter()
    count = 0
    for (content_type, locale), matched in matches.counts.items():
        name = type_name(content_type)
        by_type[name] += matched
        by_locale[language_of_locale(locale)] += matched
        if not params.types or name in params.types:
            count += matched
    response.facets = {"type": dict(by_type.most_common()), "locale": dict(by_locale.most_common())}
    ranked = [pk for pk, _ct, _locale in rerank(analysed, matches.rows, backend, matches.terms)]
    if promoted:
        shown_first = set(promoted)
        ranked = promoted + [pk for pk in ranked if pk not in shown_first]
        count += len(promoted) - _matched_count(analysed, pages, backend, promoted, matches, count)
    response.count = count

    shown = ranked[start : start + params.page_size]
    content_types = {pk: content_type for pk, content_type, _locale in matches.rows}
    by_pk = {page.pk: page for page in attach_tag_names(specific_pages(shown, content_types))}
    matcher = token_matcher(analysed)
    response.results = [
        _hit(by_pk[pk], analysed, request, type_name, matcher, promoted=pk in promoted) for pk in shown if pk in by_pk
    ]
    return response


def suggest(prefix, locale, site, request=None):
    """Up to :data:`MAX_SUGGESTIONS` visible pages whose title words start with
    what was typed, in any script or spelling (``Poes`` → Poesjkin, ``Пуш`` → Пушкин)."""
    pages = in_language(visible_pages(site), locale)
    analysed = analyse_prefix(prefix, [locale] if locale else None)
    if not analysed:
        return []
    backend = get_search_backend()
    candidates = MAX_SUGGESTIONS * 4  # the engine's best, then the shortest titles first
    if hasattr(backend, "prefix_matches"):
        rows = backend.prefix_matches(analysed, pages, limit=candidates)
    else:
        rows = [
            (page.pk, page.content_type_id, page.locale_id) for page in backend.autocomplete(prefix, pages)[:candidates]
        ]
    specific = specific_pages(
        [pk for pk, _ct, _locale in rows], {pk: content_type for pk, content_type, _locale in rows}
    )
    ordered = sorted(specific, key=lambda page: (len(page.title), page.title))[:MAX_SUGGESTIONS]
    type_name = type_namer()
    return [
        {
            "title": page.title,
            "url": _page_url(page, request),
            "type": type_name(page.content_type_id),
            "locale": page_language(page),
        }
        for page in ordered
    ]
