"""Wagtail's database search backend, with the analysis of ``search.analysis``.

Wagtail's database backend analyses every page with one analyser (SQLite FTS5's
``unicode61`` tokenizer, or one PostgreSQL text-search configuration), requires
every word of a query by default, and lets FTS5 syntax errors surface as 500s.
This backend:

* indexes pages of the site (models with a ``search_terms`` field) by their
  pre-analysed terms: on SQLite the title column holds the title's terms and
  the body column all the page's terms; on PostgreSQL both go through the
  ``simple`` configuration, which keeps terms as they are;
* analyses a plain query string (in every language, or in the languages of an
  :class:`AnalysedSearchQuery`) and ORs its alternatives, so a page matching
  some words is found and ranked below one matching all;
* ranks title matches above body matches (BM25 column weights on SQLite, ``A``
  weight on PostgreSQL).

It is the ``default`` backend, so the Wagtail admin's page search uses it too.
"""

import re
from functools import lru_cache, reduce

from django.db import connection
from django.db.models.expressions import Func
from django.db.models.fields import FloatField
from modelsearch.backends.base import EmptySearchResults
from modelsearch.index import SearchField
from modelsearch.query import And, Or, PlainText

from search.analysis import AnalysedQuery, analyse_query

#: Relative weight of a title match over a body match in the engine's ranking.
TITLE_WEIGHT = 4.0
#: Boost of ``search_title_terms`` in ``BasePage.search_fields``.
TITLE_TERMS_BOOST = 3
#: One lexeme of a tsvector's text form: 'term':1A,5B (positions, weights).
TSVECTOR_LEXEME = re.compile(r"'((?:[^']|'')*)'(?::([0-9A-D,]+))?")


class AnalysedSearchQuery(PlainText):
    """A query already analysed by ``search.analysis``: any of its terms matches.

    A ``PlainText`` (OR) to Wagtail's query normalisation and facets; the
    compilers below turn it into the analysed terms."""

    def __init__(self, analysed: AnalysedQuery):
        super().__init__(analysed.text, operator="or")
        self.analysed = analysed

    def __repr__(self):
        return f"<AnalysedSearchQuery {self.analysed.terms!r} prefixes={self.analysed.prefix_keys!r}>"


def prefix_lexemes(analysed, lexeme_class, **title_only):
    """Every earlier word of a suggestion prefix, and the last one as a prefix.

    ``lexeme_class`` is the engine's Lexeme; ``title_only`` the keyword
    arguments that restrict the prefix to title terms on that engine.
    """
    words = [lexeme_class(term) for word in analysed.words[:-1] for term in sorted(word.terms)]
    prefixes = reduce(
        lambda a, b: a | b, [lexeme_class(term, prefix=True, **title_only) for term in sorted(analysed.words[-1].terms)]
    )
    return reduce(lambda a, b: a | b, words) & prefixes if words else prefixes


def is_analysed_model(model):
    return any(getattr(field, "field_name", None) == "search_terms" for field in model.get_search_fields())


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
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
    )
    from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

    class WeightedBM25(Func):
        """FTS5's ``bm25()`` with the title column weighted (columns: autocomplete, body, title)."""

        output_field = FloatField()

        def as_sql(self, compiler, connection, **extra_context):
            return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, 0.0, 1.0, {TITLE_WEIGHT})", []

    class AnalysedObjectIndexer(ObjectIndexer):
        """Indexes a page's analysed terms: title terms as the title, all terms as the body."""

        def _analysed_value(self, name):
            for field in self.search_fields:
                if isinstance(field, SearchField) and field.field_name == name:
                    return self.prepare_value(field.get_value(self.obj))
            return ""

        @property
        def analysed(self):
            return is_analysed_model(type(self.obj))

        def values(self):
            if self.analysed:
                return (
                    self._analysed_value("search_title_terms"),
                    self.autocomplete,
                    self._analysed_value("search_terms"),
                )
            return self.title, self.autocomplete, self.body

    class AnalysedSQLiteIndex(SQLiteIndex):
        def add_items(self, model, objs):
            if not model.get_search_fields():
                return
            content_type_pk = get_content_type_pk(model)
            values = {str(obj.pk): AnalysedObjectIndexer(obj, self.backend).values() for obj in objs}
            if not values:
                return
            existing = self.entries.filter(content_type_id=content_type_pk)
            indexed_ids = set(existing.filter(object_id__in=values.keys()).values_list("object_id", flat=True))
            for object_id in indexed_ids:
                title, autocomplete, body = values[object_id]
                existing.filter(object_id=object_id).update(title=title, autocomplete=autocomplete, body=body)
            self.entries.bulk_create(
                IndexEntry(
                    content_type_id=content_type_pk,
                    object_id=object_id,
                    title=title,
                    autocomplete=autocomplete,
                    body=body,
                )
                for object_id, (title, autocomplete, body) in values.items()
                if object_id not in indexed_ids
            )
            self._refresh_title_norms()

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

        def _entries(self, model, columns, lexemes):
            return (
                SQLiteFTSIndexEntry.objects.filter(MatchExpression(columns, SearchQueryExpression(lexemes)))
                .filter(index_entry__content_type__in=get_descendants_content_types_pks(model))
                .annotate(score=WeightedBM25())
                .order_by("score")
                .values_list("index_entry__object_id", flat=True)
            )

        def match_scores(self, query, model):
            """Primary keys of ``model`` objects matching ``query``, best first."""
            lexemes = AnalysedSQLiteQueryCompiler(model.objects.none(), query).build_search_query_content(query).value
            return [int(pk) for pk in self._entries(model, ["title", "body"], lexemes)]

        def prefix_matches(self, analysed, model, limit=200):
            """Primary keys of ``model`` objects whose title has the last word as a prefix (and another word)."""
            return [int(pk) for pk in self._entries(model, ["title"], prefix_lexemes(analysed, Lexeme))[:limit]]

        def analysed_terms(self, pages):
            """``{page pk: (title terms, all terms)}`` as indexed."""
            rows = IndexEntry._default_manager.filter(
                object_id__in=[str(page.pk) for page in pages],
                content_type_id__in={page.content_type_id for page in pages},
            ).values_list("object_id", "title", "body")
            return {int(object_id): (title.split(), body.split()) for object_id, title, body in rows}

    return AnalysedSQLiteSearchBackend


# PostgreSQL ------------------------------------------------------------------


@lru_cache(maxsize=1)
def _postgres_classes():
    from django.contrib.postgres.search import SearchQuery as PostgresQuery
    from django.contrib.postgres.search import SearchRank
    from django.db.models import F, TextField
    from django.db.models.functions import Cast
    from modelsearch.backends.database.postgres.postgres import (
        IndexEntry,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )
    from modelsearch.backends.database.postgres.query import Lexeme
    from modelsearch.backends.database.postgres.weights import get_weight
    from modelsearch.utils import get_descendants_content_types_pks

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

    class AnalysedPostgresSearchBackend(AnalysedBackendMixin, PostgresSearchBackend):
        query_compiler_class = AnalysedPostgresQueryCompiler

        def __init__(self, params):
            # Terms are analysed in Python: the ``simple`` configuration keeps
            # them as they are, whatever the page's language.
            super().__init__({"SEARCH_CONFIG": "simple", **params})

        def prefix_matches(self, analysed, model, limit=200):
            """Primary keys of ``model`` objects whose title has the last word as a prefix (and another word).

            The analysed title terms sit in the body vector with the weight
            of their boost, so the prefix is restricted to that weight.
            """
            query = PostgresQuery(
                prefix_lexemes(analysed, Lexeme, weight=get_weight(TITLE_TERMS_BOOST)),
                search_type="raw",
                config="simple",
            )
            entries = (
                IndexEntry._default_manager.filter(
                    content_type_id__in=get_descendants_content_types_pks(model), body=query
                )
                .annotate(rank=SearchRank(F("body"), query))
                .order_by("-rank")
                .values_list("object_id", flat=True)
            )
            return [int(pk) for pk in entries[:limit]]

        def analysed_terms(self, pages):
            """``{page pk: (title terms, all terms)}`` read back from the indexed body vector."""
            title_weight = get_weight(TITLE_TERMS_BOOST)
            rows = (
                IndexEntry._default_manager.filter(
                    object_id__in=[str(page.pk) for page in pages],
                    content_type_id__in={page.content_type_id for page in pages},
                )
                .annotate(vector=Cast("body", TextField()))
                .values_list("object_id", "vector")
            )
            terms = {}
            for object_id, vector in rows:
                lexemes = TSVECTOR_LEXEME.findall(vector)
                title = [lexeme.replace("''", "'") for lexeme, positions in lexemes if title_weight in positions]
                terms[int(object_id)] = (title, [lexeme.replace("''", "'") for lexeme, _positions in lexemes])
            return terms

    return AnalysedPostgresSearchBackend


def SearchBackend(params):  # noqa: N802 (Wagtail looks the backend up by this name)
    """The analysed backend for the default database's engine."""
    if connection.vendor == "postgresql":
        return _postgres_classes()(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists

        if fts5_available() and fts_table_exists():
            return _sqlite_classes()(params)
    from modelsearch.backends.database import SearchBackend as wagtail_database_backend

    return wagtail_database_backend(params)
