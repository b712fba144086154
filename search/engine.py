"""The search engine interface: what the search service asks of a search backend.

The analysed database backends (``search.backends.database``) and the
Elasticsearch backends (``search.backends.elasticsearch8``/``9``) implement
:class:`SearchEngine`. Any other Wagtail search backend (Wagtail's own
database backend, on a SQLite without FTS5 or on MySQL) is answered through
:class:`ResultsSearchEngine`, from its ``search()`` and ``autocomplete()``
results: the same pages, without the counts in the database or the indexed
terms that make the re-ranking possible.
"""

from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterable

from django.db.models import QuerySet
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search.analysis.query import AnalysedQuery
from search.matches import AnalysedSearchQuery, MatchRow, PageRef, RankedMatches, TermsByPage

#: Results of a backend's ``search()`` read for the service (the best first):
#: a query matching more pages has them counted up to this many.
MAX_RESULTS = 1000


class SearchEngine(ABC):
    """Finds, counts and ranks pages for the search service."""

    @abstractmethod
    def ranked_matches(
        self,
        query: AnalysedSearchQuery,
        pages: QuerySet,
        limit: int,
        wanted: QuerySet | None = None,
        count_translations: bool = False,
    ) -> RankedMatches:
        """The pages among ``pages`` matching any analysed term of ``query``:
        the best ``limit`` of those ``wanted`` pages (a ``Page`` queryset
        filtered on id, content type and locale; all when ``None``), every
        match counted per (content type, locale), and with
        ``count_translations`` its distinct translation keys per content type
        (the pages matched, each once whatever its languages)."""

    @abstractmethod
    def prefix_matches(self, analysed: AnalysedQuery, pages: QuerySet, limit: int = 200) -> list[MatchRow]:
        """The pages among ``pages`` whose title has the words typed so far
        (``analysed`` by ``analyse_prefix``), the last one as a prefix, best first."""

    @abstractmethod
    def analysed_terms(self, pages: Iterable[PageRef]) -> TermsByPage:
        """The pages' terms as indexed, for the re-ranking (``{}``: the engine
        keeps none, and its order stands)."""


def match_row(page) -> MatchRow:
    return (page.pk, page.content_type_id, page.locale_id)


def matches_of_results(results, wanted: QuerySet | None, limit: int, count_translations: bool = False) -> RankedMatches:
    """:class:`RankedMatches` of a backend's search results, the best first."""
    rows = [match_row(page) for page in results[:MAX_RESULTS]]
    translations = Counter()
    if count_translations and rows:
        keys = Page.objects.filter(pk__in=[row[0] for row in rows]).values_list("content_type_id", "translation_key")
        translations = Counter(content_type for content_type, _key in set(keys))
    is_wanted: Callable[[MatchRow], bool] | None = None
    if wanted is not None:
        wanted_pks = set(wanted.filter(pk__in=[row[0] for row in rows]).values_list("pk", flat=True))

        def is_wanted(row):
            return row[0] in wanted_pks

    matches = RankedMatches.of(rows, wanted=is_wanted, limit=limit)
    matches.translations = translations
    return matches


class ResultsSearchEngine(SearchEngine):
    """Any Wagtail search backend as a :class:`SearchEngine`, answered from its results."""

    def __init__(self, backend):
        self.backend = backend

    def ranked_matches(self, query, pages, limit, wanted=None, count_translations=False):
        return matches_of_results(self.backend.search(query, pages), wanted, limit, count_translations)

    def prefix_matches(self, analysed, pages, limit=200):
        return [match_row(page) for page in self.backend.autocomplete(analysed.text, pages)[:limit]]

    def analysed_terms(self, pages):
        return {}


def as_search_engine(backend) -> SearchEngine:
    """``backend`` itself if it implements :class:`SearchEngine`, else answered from its results."""
    return backend if isinstance(backend, SearchEngine) else ResultsSearchEngine(backend)


def get_search_engine(name: str = "default") -> SearchEngine:
    """The search engine of the ``WAGTAILSEARCH_BACKENDS`` entry ``name``."""
    return as_search_engine(get_search_backend(name))
