"""The analysed search backend on SQLite's FTS5 (see :mod:`search.backends.database`).

Wagtail's entry of a page (for the admin's page search) and its row of the
page full-text table (``search.models.PAGE_FTS_TABLE``, for the visitor's search) hold
the title's terms in their title column and all the page's terms in their
body column; BM25 weighs the title column :data:`~.common.TITLE_WEIGHT` times
the body.
"""

from collections import Counter
from functools import reduce

from django.db import connection
from django.db.models.expressions import F, Func
from django.db.models.fields import FloatField
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

from search.analysis import attach_tag_names, page_language
from search.analysis.dictionary import apply_deltas, clear_dictionary, term_deltas
from search.backends.database.common import (
    TITLE_WEIGHT,
    AnalysedBackendMixin,
    AnalysedValues,
    PageTitleNormsLeftAloneMixin,
    is_analysed_model,
    prefix_lexemes,
)
from search.backends.database.statements import (
    capped_terms_column,
    counted_rows,
    counted_statement,
    ordered_statement,
    page_row_columns,
    ranked_rows,
    wanted_conditions,
)
from search.engine import SearchEngine
from search.matches import AnalysedSearchQuery, split_terms
from search.models import PAGE_FTS_TABLE

#: Rows written to the page full-text table per statement (SQLite's limit on parameters).
PAGE_FTS_BATCH = 300


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
        entries, page_terms, languages = [], {}, {}
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
                languages[obj.pk] = page_language(obj)
        # One upsert per batch (the full-text rows follow through the
        # table's insert and update triggers) instead of an UPDATE per object.
        self.entries.bulk_create(
            entries,
            update_conflicts=True,
            unique_fields=["content_type", "object_id"],
            update_fields=["title", "autocomplete", "body"],
        )
        if analysed:
            self._write_page_terms(page_terms, languages)
        else:
            self._refresh_title_norms()

    def _indexed_page_terms(self, cursor, pks):
        """``{page pk: terms text}`` of the pages' rows of :data:`PAGE_FTS_TABLE`."""
        cursor.execute(
            f"SELECT rowid, body FROM {PAGE_FTS_TABLE} WHERE rowid IN ({', '.join(['%s'] * len(pks))})",  # noqa: S608  the index table's name; values are parameters
            list(pks),
        )
        return dict(cursor.fetchall())

    def _write_page_terms(self, page_terms, languages):
        """Replace the rows of :data:`PAGE_FTS_TABLE` of ``{page pk: (title
        terms, terms)}``: deleted and written again, as a full-text table
        has no upsert. The term dictionary follows (``languages``: ``{page
        pk: language}``)."""
        rows = list(page_terms.items())
        deltas = Counter()
        with self.write_connection.cursor() as cursor:
            for start in range(0, len(rows), PAGE_FTS_BATCH):
                batch = rows[start : start + PAGE_FTS_BATCH]
                old = self._indexed_page_terms(cursor, [pk for pk, _terms in batch])
                # update(), not +=: a Counter's sum drops the negative changes.
                deltas.update(
                    term_deltas(
                        {pk: (languages[pk], terms) for pk, terms in old.items()},
                        {pk: (languages[pk], body) for pk, (_title, body) in batch},
                    )
                )
                cursor.execute(
                    f"DELETE FROM {PAGE_FTS_TABLE} WHERE rowid IN ({', '.join(['%s'] * len(batch))})",  # noqa: S608  the index table's name; values are parameters
                    [pk for pk, _terms in batch],
                )
                cursor.executemany(
                    f"INSERT INTO {PAGE_FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)",  # noqa: S608  the index table's name; values are parameters
                    [(pk, title, body) for pk, (title, body) in batch],
                )
        apply_deltas(deltas, self.write_connection.alias)

    def delete_item(self, item):
        super().delete_item(item)
        if is_analysed_model(type(item)):
            with self.write_connection.cursor() as cursor:
                old = self._indexed_page_terms(cursor, [item.pk])
                cursor.execute(f"DELETE FROM {PAGE_FTS_TABLE} WHERE rowid = %s", [item.pk])  # noqa: S608  the index table's name; values are parameters
            language = page_language(item)
            apply_deltas(
                term_deltas({pk: (language, terms) for pk, terms in old.items()}, {}), self.write_connection.alias
            )

    def delete_stale_entries(self):
        super().delete_stale_entries()
        page_table = Page._meta.db_table
        with self.write_connection.cursor() as cursor:
            cursor.execute(f'DELETE FROM {PAGE_FTS_TABLE} WHERE rowid NOT IN (SELECT id FROM "{page_table}")')  # noqa: S608  the models' tables

    def reset(self):
        super().reset()
        with self.write_connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {PAGE_FTS_TABLE}")  # noqa: S608  the index table's name
        clear_dictionary(self.write_connection.alias)

    def optimise_page_terms(self):
        """Merge the page full-text table's segments into one: a rebuild
        leaves hundreds (every row deleted and written again), which slow
        every large query (figures in docs/search.md)."""
        with self.write_connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {PAGE_FTS_TABLE} ({PAGE_FTS_TABLE}) VALUES ('optimize')")  # noqa: S608  the index table's name


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

    def get_search_vectors(self):
        # An analysed query is ranked once per row, by the weighted BM25 of
        # its columns (build_tsrank), where Wagtail adds a rank per vector.
        if isinstance(self.query, AnalysedSearchQuery):
            return [(F("index_entry__body"), 1.0)]
        return super().get_search_vectors()

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if isinstance(query, AnalysedSearchQuery):
            return WeightedBM25()
        return super().build_tsrank(vector, query, config, boost)


class AnalysedSQLiteSearchBackend(AnalysedBackendMixin, SearchEngine, SQLiteSearchBackend):
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
                f'SELECT {page_row_columns(page_table)}, bm25("{PAGE_FTS_TABLE}", {TITLE_WEIGHT}, 1.0) AS score '  # noqa: S608  tables, columns and a constant weight; the conditions Django compiled; values are parameters
                f'FROM "{PAGE_FTS_TABLE}" CROSS JOIN "{page_table}" ON "{page_table}"."id" = "{PAGE_FTS_TABLE}"."rowid" '
                f'WHERE "{PAGE_FTS_TABLE}" MATCH %s AND ({where})'
            )
            return sql, [*match_params, *params]

        return matches

    def ranked_matches(self, query, pages, limit, wanted=None, count_translations=False):
        """The :class:`RankedMatches` of ``pages`` matching any analysed term of
        ``query``: the best ``limit`` of the ``wanted`` pages (a ``Page``
        queryset's conditions on id, content type and locale), every match
        counted (and their translation keys, with ``count_translations``)."""
        lexemes = AnalysedSQLiteQueryCompiler(pages.model.objects.none(), query).build_search_query_content(query)
        matches = self._matches(["title", "body"], lexemes.value, pages)
        conditions = wanted_conditions(wanted)
        terms = (f'"{PAGE_FTS_TABLE}" AS terms ON terms.rowid = best.id', "terms.title", "terms.body")
        return counted_rows(
            ranked_rows(
                pages,
                lambda *where: counted_statement(matches(*where), conditions, limit, "ASC", terms, count_translations),
            )
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
                f"SELECT rowid, title, {capped_terms_column('body')} FROM {PAGE_FTS_TABLE} "  # noqa: S608  the index table's name; values are parameters
                f"WHERE rowid IN ({', '.join(['%s'] * len(pks))})",
                pks,
            )
            return {pk: (title.split(), split_terms(body)) for pk, title, body in cursor.fetchall()}
