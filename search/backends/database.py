"""Wagtail's database search backend, with the analysis of ``search.analysis``.

Wagtail's database backend analyses every page with one analyser (SQLite FTS5's
``unicode61`` tokenizer, or one PostgreSQL text-search configuration), requires
every word of a query by default, and lets FTS5 syntax errors surface as 500s.
This backend:

* indexes pages of the site (models with a ``search_terms`` field) by their
  pre-analysed terms: on SQLite Wagtail's entry (for the admin's page search)
  and a row of the page full-text table (:data:`PAGE_FTS_TABLE`, for the
  visitor's search) hold the title's terms in their title column and all the
  page's terms in their body column; on PostgreSQL the
  page search entry (``search.PageSearchEntry``, and no Wagtail entry) holds
  both in a vector of the ``simple`` configuration, which keeps terms as they
  are;
* analyses a plain query string (in every language, or in the languages of an
  :class:`AnalysedSearchQuery`) and ORs its alternatives, so a page matching
  some words is found and ranked below one matching all;
* ranks title matches above body matches (BM25 column weights on SQLite, ``A``
  weight on PostgreSQL).

It is the ``default`` backend, so the Wagtail admin's page search uses it too.
"""

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache, reduce

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection
from django.db.models.expressions import Col, Func
from django.db.models.fields import FloatField
from django.db.models.functions import Substr
from modelsearch.backends.base import EmptySearchResults
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.query import And, Or, PlainText

from search.analysis import AnalysedQuery, analyse_query, attach_tag_names

#: Relative weight of a title match over a body match in the engine's ranking.
TITLE_WEIGHT = 4.0
#: SQLite: the pages' title terms and terms, keyed by page id (migration
#: ``search.0005``), which the visitor's search reads; Wagtail's table keeps
#: them too, for the admin's page search.
PAGE_FTS_TABLE = "search_pagefts"
#: Rows written to the page full-text table per statement (SQLite's limit on parameters).
PAGE_FTS_BATCH = 300
#: Boost of ``search_title_terms`` in ``BasePage.search_fields``.
TITLE_TERMS_BOOST = 3
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


def capped_terms_column(column):
    """SQL reading at most one character more than :func:`split_terms` reads
    of a terms column (SQLite and PostgreSQL spell it alike)."""
    return f"substr({column}, 1, {MAX_RERANKED_TERMS_TEXT + 1})"


class AnalysedSearchQuery(PlainText):
    """A query already analysed by ``search.analysis``: any of its terms matches.

    A ``PlainText`` (OR) to Wagtail's query normalisation and facets; the
    compilers below turn it into the analysed terms."""

    def __init__(self, analysed: AnalysedQuery):
        super().__init__(analysed.text, operator="or")
        self.analysed = analysed

    def __repr__(self):
        return f"<AnalysedSearchQuery {self.analysed.terms!r} prefixes={self.analysed.prefix_keys!r}>"


def prefix_lexemes(analysed, lexeme_class):
    """Any term of the earlier words of a suggestion prefix, and the last word as a prefix.

    ``lexeme_class`` is SQLite's Lexeme; PostgreSQL writes the same query as
    text (:func:`tsquery_text`).
    """
    words = [lexeme_class(term) for word in analysed.words[:-1] for term in sorted(word.terms)]
    prefixes = reduce(
        lambda a, b: a | b, [lexeme_class(term, prefix=True) for term in sorted(analysed.words[-1].terms)]
    )
    return reduce(lambda a, b: a | b, words) & prefixes if words else prefixes


def is_analysed_model(model):
    return any(getattr(field, "field_name", None) == "search_terms" for field in model.get_search_fields())


def analysed_content_type_ids():
    """Content types of the models indexed by their analysed terms (the pages of the site)."""
    from django.contrib.contenttypes.models import ContentType
    from modelsearch.index import get_indexed_models

    models = [model for model in get_indexed_models() if is_analysed_model(model)]
    return [content_type.pk for content_type in ContentType.objects.get_for_models(*models).values()]


def _columns(node):
    """The columns an expression tree of a query's WHERE reads."""
    if isinstance(node, Col):
        yield node.target.column
    if hasattr(node, "get_source_expressions"):  # a WhereNode's are its children
        for source in node.get_source_expressions():
            if source is not None:
                yield from _columns(source)


def page_conditions(pages, table=None, columns=None):
    """``(sql, params)``: the WHERE conditions of a ``Page`` queryset, on its own
    table, or ``None`` when it can match nothing.

    The engine stage finds, filters and ranks in one statement: the index
    joined to the pages, with the visitor's conditions (live, public, this
    site, language, type) applied inline. Those conditions are the queryset's
    own, so they cannot drift from :func:`search.service.visible_pages`.

    With ``table``, the conditions read that table instead of the pages', which
    must then hold the page columns they read under the same names, all of them
    in ``columns``.
    """
    query = pages.query
    if sum(1 for count in query.alias_refcount.values() if count) > 1:
        raise ValueError("The engine stage takes a queryset of pages filtered without joins.")
    where = query.where
    if table is not None:
        unknown = set(_columns(where)) - set(columns)
        if unknown:
            raise ValueError(f"{table} does not copy the page columns {sorted(unknown)} that the conditions read.")
        where = where.relabeled_clone({query.base_table or pages.model._meta.db_table: table})
    try:
        sql, params = query.get_compiler(connection=connection).compile(where)
    except EmptyResultSet:
        return None
    except FullResultSet:
        return "1 = 1", []
    return sql or "1 = 1", list(params)


class PageTitleNormsLeftAloneMixin:
    """For an index: title norms serve Wagtail's own ranking of other models
    (images, documents); pages rank by their analysed terms, so their entries
    are left alone (every update of an entry rewrites its full-text row or
    vectors, through SQLite's trigger or PostgreSQL's row versions)."""

    def _refresh_title_norms(self, full=False):
        entries = self.entries
        self.entries = entries.exclude(content_type_id__in=analysed_content_type_ids())
        try:
            super()._refresh_title_norms(full)
        finally:
            self.entries = entries


#: The page columns of the engine's matched rows, which the wanted pages' conditions may read.
MATCHED_COLUMNS = ("id", "content_type_id", "locale_id")


@dataclass
class RankedMatches:
    """What the engine stage gives the search service: the best matches of
    the wanted pages, and every match counted."""

    #: ``[(pk, content type, locale)]``, best first: the wanted pages among the
    #: matches, as many as were asked for.
    rows: list = field(default_factory=list)
    #: ``{(content type, locale): matches}``: every match, wanted or not (the facets).
    counts: Counter = field(default_factory=Counter)
    #: ``{pk: (title terms, all terms)}`` of the rows, as indexed, when the
    #: engine read them with the rows: what the re-ranking reads.
    terms: dict | None = None

    @classmethod
    def of(cls, rows, wanted=None, limit=None):
        """From all the matches' rows, best first (for backends that give no counts)."""
        wanted_rows = rows if wanted is None else [row for row in rows if wanted(row)]
        return cls(rows=wanted_rows[:limit], counts=Counter((row[1], row[2]) for row in rows))


def counted_statement(matches, wanted, limit, score_order, terms):
    """``(sql, params)`` of a statement answering a :class:`RankedMatches` in one go.

    ``matches`` is ``(sql, params)`` selecting ``id, content_type_id,
    locale_id, score`` of every match; ``wanted`` the conditions on those
    columns (:func:`page_conditions` relabeled onto ``matched``) of the rows to
    return. The matches are found and ranked once, counted per (content type,
    locale) in the database, and only the best ``limit`` wanted rows leave it
    (a query matching 5,000 pages no longer sends them all to Python), each
    with its indexed title terms and terms: ``terms`` is ``(join, title
    column, terms column)``, the join of the index table, aliased ``terms``,
    to a ``best`` row. Count rows have no id; best rows carry their position.
    """
    matches_sql, matches_params = matches
    wanted_sql, wanted_params = wanted
    terms_join, title_column, terms_column = terms
    sql = (
        # Read twice, so computed once by PostgreSQL and SQLite alike (no
        # MATERIALIZED, which SQLite before 3.35 does not know).
        f"WITH matched AS ({matches_sql}) "
        "SELECT NULL, content_type_id, locale_id, COUNT(*), NULL, NULL FROM matched "
        "GROUP BY content_type_id, locale_id "
        f"UNION ALL SELECT best.*, {title_column}, {capped_terms_column(terms_column)} FROM ("
        f"SELECT id, content_type_id, locale_id, ROW_NUMBER() OVER (ORDER BY score {score_order}, id) AS position "
        f"FROM matched WHERE {wanted_sql} ORDER BY score {score_order}, id LIMIT {int(limit)}"
        f") AS best JOIN {terms_join}"
    )
    return sql, [*matches_params, *wanted_params]


def ordered_statement(matches, score_order):
    """``(sql, params)``: the ``id, content_type_id, locale_id`` of ``matches`` (as for
    :func:`counted_statement`), best first."""
    sql, params = matches
    return f"SELECT id, content_type_id, locale_id FROM ({sql}) AS matched ORDER BY score {score_order}, id", params


def counted_rows(rows):
    """The :class:`RankedMatches` of a :func:`counted_statement`'s rows."""
    counts, best, terms = Counter(), [], {}
    for pk, content_type, locale, number, title_terms, all_terms in rows:
        if pk is None:
            counts[(content_type, locale)] = number
        else:
            best.append((number, (pk, content_type, locale)))
            terms[pk] = (title_terms.split(), split_terms(all_terms))
    best.sort()
    return RankedMatches(rows=[row for _number, row in best], counts=counts, terms=terms)


def wanted_conditions(wanted):
    """The conditions of the ``wanted`` pages' queryset on the matched rows."""
    if wanted is None:
        return "1 = 1", []
    conditions = page_conditions(wanted, table="matched", columns=MATCHED_COLUMNS)
    return conditions if conditions is not None else ("1 = 0", [])


def ranked_rows(pages, statement, limit=None, table=None, columns=None, planner_settings=None):
    """Run an engine statement over ``pages`` (:func:`ordered_statement` or
    :func:`counted_statement`) and return its rows.

    ``statement(where, where_params)`` gives the statement's SQL and parameters
    around the pages' conditions (:func:`page_conditions`, on ``table`` if
    given); none are run when the pages can match nothing.

    ``planner_settings`` (PostgreSQL) hold for this statement only: set in the
    same round trip, local to its transaction, and put back after it.
    """
    conditions = page_conditions(pages, table, columns)
    if conditions is None:
        return []
    sql, params = statement(*conditions)
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    with connection.cursor() as cursor:
        if not planner_settings:
            cursor.execute(sql, params)
            return cursor.fetchall()
        # One query string, so one implicit transaction outside an explicit one
        # (Django's PostgreSQL cursors bind parameters on the client, which
        # allows several statements).
        setting, put_back = [], []
        for name, value in planner_settings.items():
            setting.append(f"SET LOCAL {name} = {value}")
            put_back.append(f"SET LOCAL {name} TO DEFAULT")
        cursor.execute("; ".join([*setting, sql, *put_back]), params)
        for _setting in setting:
            cursor.nextset()
        return cursor.fetchall()


def page_row_columns(page_table):
    return f'"{page_table}"."id", "{page_table}"."content_type_id", "{page_table}"."locale_id"'


class AnalysedValues:
    """A page's indexed values, each computed once.

    Wagtail's indexers compute every search field again for each column they
    fill (title, body, autocomplete...), which would analyse a page's text
    several times over; these are the only values an analysed page needs.
    """

    def __init__(self, obj, search_fields):
        self.obj = obj
        self.search_fields = search_fields

    def _text(self, value):
        if isinstance(value, (list, tuple)):
            return " ".join(self._text(item) for item in value)
        return "" if value is None else str(value)

    def _field(self, name):
        for search_field in self.search_fields:
            if isinstance(search_field, SearchField) and search_field.field_name == name:
                return self._text(search_field.get_value(self.obj))
        return ""

    @property
    def title_terms(self):
        return self._field("search_title_terms")

    @property
    def terms(self):
        return self._field("search_terms")

    @property
    def autocomplete(self):
        return " ".join(
            self._text(search_field.get_value(self.obj))
            for search_field in self.search_fields
            if isinstance(search_field, AutocompleteField)
        )


def _plain_texts(query):
    if isinstance(query, PlainText):
        return [query.query_string]
    return [text for subquery in getattr(query, "subqueries", ()) for text in _plain_texts(subquery)]


class AnalysedBackendMixin:
    """Turns plain query strings into analysed queries before Wagtail sees them."""

    def _analysed(self, query):
        # The admin parses its search box into PlainText (or And/Or of them):
        # analyse their words too.
        if isinstance(query, (PlainText, And, Or)) and not isinstance(query, AnalysedSearchQuery):
            query = " ".join(_plain_texts(query))
        if isinstance(query, str):
            analysed = analyse_query(query)
            return AnalysedSearchQuery(analysed) if analysed else None
        if isinstance(query, AnalysedSearchQuery) and not query.analysed:
            return None
        return query

    def search(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        query = self._analysed(query)
        if query is None:
            return EmptySearchResults()
        return super().search(query, model_or_queryset, fields, operator, order_by_relevance)

    def autocomplete(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        # Word prefixes: the analysed query's prefix keys and the words typed so far.
        return self.search(query, model_or_queryset, fields, operator, order_by_relevance)


# SQLite (FTS5) -------------------------------------------------------------


@lru_cache(maxsize=1)
def _sqlite_classes():
    from modelsearch.backends.database.sqlite.query import Lexeme, MatchExpression, SearchQueryExpression
    from modelsearch.backends.database.sqlite.sqlite import (
        IndexEntry,
        ObjectIndexer,
        SQLiteFTSIndexEntry,
        SQLiteIndex,
        SQLiteSearchAtomicRebuilder,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
        SQLiteSearchRebuilder,
    )
    from modelsearch.utils import get_content_type_pk
    from wagtail.models import Page

    class WeightedBM25(Func):
        """FTS5's ``bm25()`` with the title column weighted (columns: autocomplete, body, title)."""

        output_field = FloatField()

        def as_sql(self, compiler, connection, **extra_context):
            return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, 0.0, 1.0, {TITLE_WEIGHT})", []

    class AnalysedSQLiteIndex(PageTitleNormsLeftAloneMixin, SQLiteIndex):
        """Indexes a page's analysed terms: title terms as the title, all terms as the body."""

        def _values(self, obj, search_fields):
            if not is_analysed_model(type(obj)):
                indexer = ObjectIndexer(obj, self.backend)
                return indexer.title, indexer.autocomplete, indexer.body
            values = AnalysedValues(obj, search_fields)
            return values.title_terms, values.autocomplete, values.terms

        def add_items(self, model, objs):
            search_fields = model.get_search_fields()
            if not search_fields:
                return
            content_type_pk = get_content_type_pk(model)
            objs = list(objs)
            analysed = is_analysed_model(model)
            if analysed:
                attach_tag_names(objs)
            entries, page_terms = [], {}
            for obj in objs:
                title, autocomplete, body = self._values(obj, search_fields)
                entries.append(
                    IndexEntry(
                        content_type_id=content_type_pk,
                        object_id=str(obj.pk),
                        title=title,
                        autocomplete=autocomplete,
                        body=body,
                    )
                )
                if analysed:
                    page_terms[obj.pk] = (title, body)
            # One upsert per batch (the full-text rows follow through the
            # table's insert and update triggers) instead of an UPDATE per object.
            self.entries.bulk_create(
                entries,
                update_conflicts=True,
                unique_fields=["content_type", "object_id"],
                update_fields=["title", "autocomplete", "body"],
            )
            if analysed:
                self._write_page_terms(page_terms)
            else:
                self._refresh_title_norms()

        def _write_page_terms(self, page_terms):
            """Replace the rows of :data:`PAGE_FTS_TABLE` of ``{page pk: (title
            terms, terms)}``: deleted and written again, as a full-text table
            has no upsert."""
            rows = list(page_terms.items())
            with self.write_connection.cursor() as cursor:
                for start in range(0, len(rows), PAGE_FTS_BATCH):
                    batch = rows[start : start + PAGE_FTS_BATCH]
                    cursor.execute(
                        f"DELETE FROM {PAGE_FTS_TABLE} WHERE rowid IN ({', '.join(['%s'] * len(batch))})",
                        [pk for pk, _terms in batch],
                    )
                    cursor.executemany(
                        f"INSERT INTO {PAGE_FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)",
                        [(pk, title, body) for pk, (title, body) in batch],
                    )

        def delete_item(self, item):
            super().delete_item(item)
            if is_analysed_model(type(item)):
                with self.write_connection.cursor() as cursor:
                    cursor.execute(f"DELETE FROM {PAGE_FTS_TABLE} WHERE rowid = %s", [item.pk])

        def delete_stale_entries(self):
            super().delete_stale_entries()
            page_table = Page._meta.db_table
            with self.write_connection.cursor() as cursor:
                cursor.execute(f'DELETE FROM {PAGE_FTS_TABLE} WHERE rowid NOT IN (SELECT id FROM "{page_table}")')

        def reset(self):
            super().reset()
            with self.write_connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {PAGE_FTS_TABLE}")

        def optimise_page_terms(self):
            """Merge the page full-text table's segments into one: a rebuild
            leaves hundreds (every row deleted and written again), which
            slowed a query matching 5,000 of 20,000 pages from 16 to 21 ms."""
            with self.write_connection.cursor() as cursor:
                cursor.execute(f"INSERT INTO {PAGE_FTS_TABLE} ({PAGE_FTS_TABLE}) VALUES ('optimize')")

    class OptimisingRebuilderMixin:
        def finish(self):
            super().finish()
            self.index.optimise_page_terms()

    class AnalysedSQLiteRebuilder(OptimisingRebuilderMixin, SQLiteSearchRebuilder):
        pass

    class AnalysedSQLiteAtomicRebuilder(OptimisingRebuilderMixin, SQLiteSearchAtomicRebuilder):
        pass

    class AnalysedSQLiteQueryCompiler(SQLiteSearchQueryCompiler):
        def build_search_query_content(self, query, config=None):
            if isinstance(query, AnalysedSearchQuery):
                lexemes = [Lexeme(term) for term in query.analysed.terms]
                lexemes += [Lexeme(key, prefix=True) for key in query.analysed.prefix_keys]
                return SearchQueryExpression(reduce(lambda a, b: a | b, lexemes))
            return super().build_search_query_content(query, config)

        def _build_rank_expression(self, vectors, config):
            if isinstance(self.query, AnalysedSearchQuery):
                return WeightedBM25()
            return super()._build_rank_expression(vectors, config)

    class AnalysedSQLiteSearchBackend(AnalysedBackendMixin, SQLiteSearchBackend):
        query_compiler_class = AnalysedSQLiteQueryCompiler
        index_class = AnalysedSQLiteIndex
        rebuilder_class = AnalysedSQLiteRebuilder
        atomic_rebuilder_class = AnalysedSQLiteAtomicRebuilder

        def _matches(self, columns, lexemes, pages):
            """A statement's function (see :func:`ranked_rows`) selecting
            ``id, content_type_id, locale_id, score`` of ``pages`` whose terms
            match ``lexemes`` in ``columns`` (the lower the score, the better).

            The page full-text table drives the statement (``CROSS JOIN`` fixes
            SQLite's join order), each match meets its page by primary key, and
            the pages' own conditions filter it.
            """
            page_table = pages.model._meta.db_table
            match = MatchExpression(columns, SearchQueryExpression(lexemes))
            _template, match_params = match.as_sql(
                SQLiteFTSIndexEntry.objects.all().query.get_compiler(connection=connection), connection
            )

            def matches(where, params):
                sql = (
                    f'SELECT {page_row_columns(page_table)}, bm25("{PAGE_FTS_TABLE}", {TITLE_WEIGHT}, 1.0) AS score '
                    f'FROM "{PAGE_FTS_TABLE}" CROSS JOIN "{page_table}" ON "{page_table}"."id" = "{PAGE_FTS_TABLE}"."rowid" '
                    f'WHERE "{PAGE_FTS_TABLE}" MATCH %s AND ({where})'
                )
                return sql, [*match_params, *params]

            return matches

        def ranked_matches(self, query, pages, limit, wanted=None):
            """The :class:`RankedMatches` of ``pages`` matching any analysed term of
            ``query``: the best ``limit`` of the ``wanted`` pages (a ``Page``
            queryset's conditions on id, content type and locale), every match counted."""
            lexemes = AnalysedSQLiteQueryCompiler(pages.model.objects.none(), query).build_search_query_content(query)
            matches = self._matches(["title", "body"], lexemes.value, pages)
            conditions = wanted_conditions(wanted)
            terms = (f'"{PAGE_FTS_TABLE}" AS terms ON terms.rowid = best.id', "terms.title", "terms.body")
            return counted_rows(
                ranked_rows(pages, lambda *where: counted_statement(matches(*where), conditions, limit, "ASC", terms))
            )

        def prefix_matches(self, analysed, pages, limit=200):
            """``[(pk, content type, locale)]`` of ``pages`` whose title has the
            last word as a prefix (and the other words), best first."""
            matches = self._matches(["title"], prefix_lexemes(analysed, Lexeme), pages)
            return ranked_rows(pages, lambda *where: ordered_statement(matches(*where), "ASC"), limit)

        def analysed_terms(self, pages):
            """``{page pk: (title terms, all terms)}`` as indexed."""
            pks = [page.pk for page in pages]
            if not pks:
                return {}
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT rowid, title, {capped_terms_column('body')} FROM {PAGE_FTS_TABLE} "
                    f"WHERE rowid IN ({', '.join(['%s'] * len(pks))})",
                    pks,
                )
                return {pk: (title.split(), split_terms(body)) for pk, title, body in cursor.fetchall()}

    return AnalysedSQLiteSearchBackend


# PostgreSQL ------------------------------------------------------------------


def tsquery_text(terms, prefixes=(), weight=""):
    """A raw ``tsquery`` OR-ing ``terms`` and the ``prefixes`` (``'term' | 'pre':*``),
    optionally restricted to one weight; every lexeme quoted."""

    def quoted(term):
        return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"

    alternatives = [f"{quoted(term)}{':' + weight if weight else ''}" for term in terms]
    alternatives += [f"{quoted(prefix)}:*{weight}" for prefix in prefixes]
    return " | ".join(alternatives)


@lru_cache(maxsize=1)
def _postgres_classes():
    from django.contrib.postgres.search import SearchQuery as PostgresQuery
    from django.contrib.postgres.search import SearchRank
    from django.db.models import F
    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )
    from modelsearch.backends.database.postgres.query import Lexeme
    from modelsearch.backends.database.postgres.weights import get_sql_weights, get_weight
    from wagtail.models import Page

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
            terms = {}
            for obj in attach_tag_names(list(objs)):
                values = AnalysedValues(obj, search_fields)
                terms[obj.pk] = (values.title_terms, values.terms)
            if terms:
                self._add_page_entries(terms)

        def delete_item(self, item):
            if not is_analysed_model(type(item)):
                return super().delete_item(item)
            # A page that is no longer indexed; a deleted page's entry is
            # already gone with it (the foreign key cascades).
            from search.models import PageSearchEntry

            PageSearchEntry.objects.filter(pk=item.pk)._raw_delete(using=self.write_connection.alias)

        def _add_page_entries(self, terms):
            """Upsert the pages' search entries (``search.PageSearchEntry``) from
            ``{page pk: (title terms, terms)}``; the page columns are read from
            the pages' rows as they stand in this transaction."""
            from search.models import PageSearchEntry

            table = PageSearchEntry._meta.db_table
            page_table = Page._meta.db_table
            values, params = [], []
            for pk, (title_terms, all_terms) in terms.items():
                values.append("(%s, %s, %s)")
                params.extend((pk, title_terms, all_terms))
            with self.write_connection.cursor() as cursor:
                cursor.execute(
                    f'INSERT INTO "{table}" (id, path, depth, live, locale_id, content_type_id, title_terms, terms, vector) '
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
            from search.models import PageSearchEntry

            PageSearchEntry.objects.all()._raw_delete(using=self.write_connection.alias)

    class AnalysedPostgresSearchBackend(AnalysedBackendMixin, PostgresSearchBackend):
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
            from search.models import PageSearchEntry

            table = PageSearchEntry._meta.db_table

            def matches(where, params):
                sql = (
                    f"SELECT {page_row_columns(table)}, "
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
            GIN index (45 ms against 15 ms at 20,000 pages). And without
            just-in-time compilation: should the index ever be unusable (a
            transaction open since before it was built, say), the sequential
            scan the planner must then choose costs it 10^10, far past the
            threshold at which PostgreSQL compiles a statement, which takes
            longer (150 ms and more) than any search.
            """
            from search.models import PageSearchEntry

            return ranked_rows(
                pages,
                statement,
                limit,
                table=PageSearchEntry._meta.db_table,
                columns=PageSearchEntry.PAGE_COLUMNS,
                planner_settings={"enable_seqscan": "off", "jit": "off"},
            )

        def ranked_matches(self, query, pages, limit, wanted=None):
            """The :class:`RankedMatches` of ``pages`` matching any analysed term of
            ``query``: the best ``limit`` of the ``wanted`` pages (a ``Page``
            queryset's conditions on id, content type and locale), every match counted."""
            from search.models import PageSearchEntry

            matches = self._matches(tsquery_text(query.analysed.terms, query.analysed.prefix_keys))
            conditions = wanted_conditions(wanted)
            terms = (
                f'"{PageSearchEntry._meta.db_table}" AS terms ON terms.id = best.id',
                "terms.title_terms",
                "terms.terms",
            )
            return counted_rows(
                self._rows(pages, lambda *where: counted_statement(matches(*where), conditions, limit, "DESC", terms))
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
            from search.models import PageSearchEntry

            rows = (
                PageSearchEntry.objects.filter(page_id__in=[page.pk for page in pages])
                .annotate(capped_terms=Substr("terms", 1, MAX_RERANKED_TERMS_TEXT + 1))
                .values_list("page_id", "title_terms", "capped_terms")
            )
            return {pk: (title.split(), split_terms(terms)) for pk, title, terms in rows}

    return AnalysedPostgresSearchBackend


@lru_cache(maxsize=1)
def _fts5_available():
    """Whether this Python's SQLite has FTS5: asked once (Wagtail's check
    creates a table in a new in-memory database), as every search builds its backend."""
    from modelsearch.backends.database.sqlite.utils import fts5_available

    return fts5_available()


def SearchBackend(params):  # noqa: N802 (Wagtail looks the backend up by this name)
    """The analysed backend for the default database's engine."""
    if connection.vendor == "postgresql":
        return _postgres_classes()(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.utils import fts_table_exists

        if _fts5_available() and fts_table_exists():
            return _sqlite_classes()(params)
    from modelsearch.backends.database import SearchBackend as wagtail_database_backend

    return wagtail_database_backend(params)
