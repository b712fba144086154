"""What the search service and the search engines (:mod:`search.engine`) pass each other.

The service hands an engine an :class:`AnalysedSearchQuery`; the engine
answers with :class:`RankedMatches` (rows of :data:`MatchRow`) and, for the
re-ranking, the indexed terms of pages known by a :class:`PageRef`.
"""

from collections import Counter
from dataclasses import dataclass, field

from modelsearch.query import PlainText

from search.analysis.query import AnalysedQuery

#: ``(page pk, content type id, locale id)``: one page an engine matched.
MatchRow = tuple[int, int, int]

#: ``{page pk: (title terms, all terms)}``: pages' terms as indexed.
TermsByPage = dict[int, tuple[list[str], list[str]]]

#: Characters of a page's indexed terms that the re-ranking reads (about the
#: terms of its first few thousand words): a page of megabytes costs a search
#: no more than a long article. The engine still matches all of its terms.
MAX_RERANKED_TERMS_TEXT = 60_000


def split_terms(text, limit=MAX_RERANKED_TERMS_TEXT):
    """The terms in the first ``limit`` characters of an indexed terms column
    (a term cut by the limit is left out)."""
    if len(text) <= limit:
        return text.split()
    head = text[:limit]
    if not text[limit].isspace():
        head = head[: head.rfind(" ") + 1]
    return head.split()


class AnalysedSearchQuery(PlainText):
    """A query already analysed by ``search.analysis``: any of its terms matches.

    A ``PlainText`` (OR) to Wagtail's query normalisation and facets; the
    backends' query compilers turn it into the analysed terms."""

    def __init__(self, analysed: AnalysedQuery):
        super().__init__(analysed.text, operator="or")
        self.analysed = analysed

    def __repr__(self):
        return f"<AnalysedSearchQuery {self.analysed.terms!r} prefixes={self.analysed.prefix_keys!r}>"


@dataclass(frozen=True)
class PageRef:
    """A page known by its primary key and content type, all the index needs."""

    pk: int
    content_type_id: int


@dataclass
class RankedMatches:
    """What the engine stage gives the search service: the best matches of
    the wanted pages, and every match counted."""

    #: Rows (:data:`MatchRow`), best first: the wanted pages among the matches,
    #: as many as were asked for.
    rows: list[MatchRow] = field(default_factory=list)
    #: ``{(content type, locale): matches}``: every match, wanted or not (the facets).
    counts: Counter = field(default_factory=Counter)
    #: The rows' :data:`TermsByPage`, when the engine read them with the
    #: rows: what the re-ranking reads.
    terms: TermsByPage | None = None
    #: ``{content type: translation keys}``: every match's distinct
    #: translation keys, wanted or not, when asked for (``count_translations``).
    translations: Counter = field(default_factory=Counter)

    @classmethod
    def of(cls, rows, wanted=None, limit=None):
        """From all the matches' rows, best first (for engines that give no
        counts); ``wanted`` tells a wanted row."""
        wanted_rows = rows if wanted is None else [row for row in rows if wanted(row)]
        return cls(rows=wanted_rows[:limit], counts=Counter((row[1], row[2]) for row in rows))
