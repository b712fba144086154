"""The analysed search backend on PostgreSQL (see :mod:`search.backends.database`).

A page's search entry (``search.PageSearchEntry``, and no Wagtail entry)
holds its title terms and all its terms in a vector of the ``simple``
configuration, which keeps terms as they are; title terms carry the weight
modelsearch gives their boost (:data:`~.common.TITLE_TERMS_BOOST`). The entry copies the page columns the visitor's conditions read, so
a search never joins its matches to the pages.
"""

from functools import reduce

from django.contrib.postgres.search import SearchQuery as PostgresQuery
from django.contrib.postgres.search import SearchRank
from django.db.models import F
from django.db.models.functions import Substr
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.backends.database.postgres.weights import get_sql_weights, get_weight
from wagtail.models import Page

from search.analysis import attach_tag_names, page_language
from search.analysis.dictionary import apply_deltas, clear_dictionary, term_deltas
from search.backends.database.common import (
    TITLE_TERMS_BOOST,
    AnalysedBackendMixin,
    AnalysedValues,
    PageTitleNormsLeftAloneMixin,
    is_analysed_model,
)
from search.backends.database.statements import (
    counted_rows,
    counted_statement,
    ordered_statement,
    page_row_columns,
    ranked_rows,
    wanted_conditions,
)
from search.engine import SearchEngine
from search.matches import MAX_RERANKED_TERMS_TEXT, AnalysedSearchQuery, split_terms
from search.models import PageSearchEntry


def tsquery_text(terms, prefixes=(), weight=""):
    """A raw ``tsquery`` OR-ing ``terms`` and the ``prefixes`` (``'term' | 'pre':*``),
    optionally restricted to one weight; every lexeme quoted."""

    def quoted(term):
        return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"

    alternatives = [f"{quoted(term)}{':' + weight if weight else ''}" for term in terms]
    alternatives += [f"{quoted(prefix)}:*{weight}" for prefix in prefixes]
    return " | ".join(alternatives)


class AnalysedPostgresQueryCompiler(PostgresSearchQueryCompiler):
    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, AnalysedSearchQuery):
            lexemes = [Lexeme(term) for term in query.analysed.terms]
            lexemes += [Lexeme(key, prefix=True) for key in query.analysed.prefix_keys]
            return PostgresQuery(reduce(lambda a, b: a | b, lexemes), search_type="raw", config=config)
        return super().build_tsquery_content(query, config, invert)

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if isinstance(query, AnalysedSearchQuery):
            return SearchRank(vector, self.build_tsquery(query, config=config), weights=self.sql_weights) * boost
        return super().build_tsrank(vector, query, config, boost)

    def get_index_vectors(self, search_query):
        # Pages (the admin's page search) are indexed in their search entries only.
        if issubclass(self.queryset.model, Page):
            return [(F("search_entry__vector"), 1.0)]
        return super().get_index_vectors(search_query)


class AnalysedPostgresIndex(PageTitleNormsLeftAloneMixin, PostgresIndex):
    """Indexes the site's pages in their search entries only (``search.PageSearchEntry``).

    Wagtail's own entries of a page (three vectors, written beside ours)
    were read by nothing but the admin's page search, which reads the
    page search entries too (:class:`AnalysedPostgresQueryCompiler`):
    without them a rebuild writes half as much. Other models (images,
    documents, synonyms) keep Wagtail's entries.
    """

    def add_items(self, model, objs):
        if not is_analysed_model(model):
            return super().add_items(model, objs)
        search_fields = model.get_search_fields()
        terms, languages = {}, {}
        for obj in attach_tag_names(list(objs)):
            values = AnalysedValues(obj, search_fields)
            terms[obj.pk] = (values.title_terms, values.terms)
            languages[obj.pk] = page_language(obj)
        if terms:
            old = self._indexed_page_terms(terms)
            self._add_page_entries(terms)
            apply_deltas(
                term_deltas(
                    {pk: (languages[pk], text) for pk, text in old.items()},
                    {pk: (languages[pk], text) for pk, (_title, text) in terms.items()},
                ),
                self.write_connection.alias,
            )

    def delete_item(self, item):
        if not is_analysed_model(type(item)):
            return super().delete_item(item)
        # A page that is no longer indexed; a deleted page's entry is
        # already gone with it (the foreign key cascades), and its terms stay
        # counted in the dictionary until the next rebuild.
        old = self._indexed_page_terms([item.pk])
        PageSearchEntry.objects.using(self.write_connection.alias).filter(pk=item.pk).delete()
        language = page_language(item)
        apply_deltas(term_deltas({pk: (language, text) for pk, text in old.items()}, {}), self.write_connection.alias)

    def _indexed_page_terms(self, pks):
        """``{page pk: terms text}`` of the pages' search entries."""
        entries = PageSearchEntry.objects.using(self.write_connection.alias).filter(pk__in=list(pks))
        return dict(entries.values_list("page_id", "terms"))

    def _add_page_entries(self, terms):
        """Upsert the pages' search entries (``search.PageSearchEntry``) from
        ``{page pk: (title terms, terms)}``; the page columns are read from
        the pages' rows as they stand in this transaction."""
        table = PageSearchEntry._meta.db_table
        page_table = Page._meta.db_table
        values, params = [], []
        for pk, (title_terms, all_terms) in terms.items():
            values.append("(%s, %s, %s)")
            params.extend((pk, title_terms, all_terms))
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f'INSERT INTO "{table}" (id, path, depth, live, locale_id, content_type_id, title_terms, terms, vector) '  # noqa: S608  the index table's name; values are parameters
                "SELECT page.id, page.path, page.depth, page.live, page.locale_id, page.content_type_id, "
                "entry.title_terms, entry.terms, "
                "setweight(to_tsvector('simple', entry.title_terms), %s) || to_tsvector('simple', entry.terms) "
                f"FROM (VALUES {', '.join(values)}) AS entry (id, title_terms, terms) "
                f'JOIN "{page_table}" page ON page.id = entry.id '
                "ON CONFLICT (id) DO UPDATE SET path = EXCLUDED.path, depth = EXCLUDED.depth, "
                "live = EXCLUDED.live, locale_id = EXCLUDED.locale_id, content_type_id = EXCLUDED.content_type_id, "
                "title_terms = EXCLUDED.title_terms, terms = EXCLUDED.terms, vector = EXCLUDED.vector "
                f'WHERE ("{table}".path, "{table}".depth, "{table}".live, "{table}".locale_id, '
                f'"{table}".content_type_id, "{table}".title_terms, "{table}".terms) IS DISTINCT FROM '
                "(EXCLUDED.path, EXCLUDED.depth, EXCLUDED.live, EXCLUDED.locale_id, EXCLUDED.content_type_id, "
                "EXCLUDED.title_terms, EXCLUDED.terms)",
                [get_weight(TITLE_TERMS_BOOST), *params],
            )

    def reset(self):
        super().reset()
        PageSearchEntry.objects.using(self.write_connection.alias).all().delete()
        clear_dictionary(self.write_connection.alias)


class AnalysedPostgresSearchBackend(AnalysedBackendMixin, SearchEngine, PostgresSearchBackend):
    query_compiler_class = AnalysedPostgresQueryCompiler
    index_class = AnalysedPostgresIndex

    def __init__(self, params):
        # Terms are analysed in Python: the ``simple`` configuration keeps
        # them as they are, whatever the page's language.
        super().__init__({"SEARCH_CONFIG": "simple", **params})

    def _matches(self, tsquery):
        """A statement's function (see :func:`ranked_rows`) selecting
        ``id, content_type_id, locale_id, score`` of the pages whose search
        entry matches ``tsquery`` (the higher the score, the better).

        The GIN index on the entries' vectors finds them, and the pages'
        own conditions filter the same rows (``search.PageSearchEntry``
        copies the page columns they read): no match is joined to anything.
        """
        table = PageSearchEntry._meta.db_table

        def matches(where, params):
            sql = (
                f"SELECT {page_row_columns(table)}, "  # noqa: S608  the index table's columns; the conditions Django compiled; values are parameters
                f'ts_rank(%s::real[], "{table}"."vector", to_tsquery(\'simple\', %s)) AS score '
                f'FROM "{table}" '
                f'WHERE "{table}"."vector" @@ to_tsquery(\'simple\', %s) AND ({where})'
            )
            return sql, [get_sql_weights(), tsquery, tsquery, *params]

        return matches

    def _rows(self, pages, statement, limit=None):
        """:func:`ranked_rows` on the page search entries, without sequential scans.

        The planner prices matching a vector against a query at one
        operator's cost, when it takes microseconds, so for a query
        matching thousands of pages it would read every row instead of the
        GIN index, three times as slow at 20,000 pages (docs/search.md). And without
        just-in-time compilation: should the index ever be unusable (a
        transaction open since before it was built, say), the sequential
        scan the planner must then choose costs it 10^10, far past the
        threshold at which PostgreSQL compiles a statement, which takes
        longer than any search.
        """
        return ranked_rows(
            pages,
            statement,
            limit,
            table=PageSearchEntry._meta.db_table,
            columns=PageSearchEntry.PAGE_COLUMNS,
            planner_settings={"enable_seqscan": "off", "jit": "off"},
        )

    def ranked_matches(self, query, pages, limit, wanted=None, count_translations=False):
        """The :class:`RankedMatches` of ``pages`` matching any analysed term of
        ``query``: the best ``limit`` of the ``wanted`` pages (a ``Page``
        queryset's conditions on id, content type and locale), every match
        counted (and their translation keys, with ``count_translations``)."""
        matches = self._matches(tsquery_text(query.analysed.terms, query.analysed.prefix_keys))
        conditions = wanted_conditions(wanted)
        terms = (
            f'"{PageSearchEntry._meta.db_table}" AS terms ON terms.id = best.id',
            "terms.title_terms",
            "terms.terms",
        )
        return counted_rows(
            self._rows(
                pages,
                lambda *where: counted_statement(matches(*where), conditions, limit, "DESC", terms, count_translations),
            )
        )

    def prefix_matches(self, analysed, pages, limit=200):
        """``[(pk, content type, locale)]`` of ``pages`` whose title has the
        last word as a prefix (and the other words), best first.

        The analysed title terms sit in the body vector with the weight
        of their boost, so every term is restricted to that weight.
        """
        title = get_weight(TITLE_TERMS_BOOST)
        earlier = sorted({term for word in analysed.words[:-1] for term in word.terms})
        last = f"({tsquery_text((), sorted(analysed.words[-1].terms), weight=title)})"
        matches = self._matches(f"({tsquery_text(earlier, weight=title)}) & {last}" if earlier else last)
        return self._rows(pages, lambda *where: ordered_statement(matches(*where), "DESC"), limit)

    def analysed_terms(self, pages):
        """``{page pk: (title terms, all terms)}`` as indexed."""
        rows = (
            PageSearchEntry.objects.filter(page_id__in=[page.pk for page in pages])
            .annotate(capped_terms=Substr("terms", 1, MAX_RERANKED_TERMS_TEXT + 1))
            .values_list("page_id", "title_terms", "capped_terms")
        )
        return {pk: (title.split(), split_terms(terms)) for pk, title, terms in rows}
