"""The modelsearch methods our backends override, and the search engine interface.

Where a backend overrides a method modelsearch keeps private (no public hook
serves, see each override's comment), these tests fail as soon as modelsearch
changes that method's signature or stops calling it, instead of the override
silently no longer taking effect.
"""

import importlib
import inspect

import pytest
from django.db import connection
from modelsearch.backends.base import BaseSearchResults
from modelsearch.backends.database.fallback import DatabaseSearchBackend
from modelsearch.backends.database.postgres.postgres import PostgresIndex, PostgresSearchRebuilder
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchQueryCompiler
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend

from search.analysis import analyse_prefix, analyse_query
from search.backends import elasticsearch8, elasticsearch9
from search.engine import ResultsSearchEngine, SearchEngine, as_search_engine
from search.matches import AnalysedSearchQuery
from search.service import visible_pages
from tests.helpers import reindex

on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="modelsearch's SQLite backend")


def sqlite_backend():
    """modelsearch's SQLite backend module, which loads only on SQLite (it
    reads the full-text model modelsearch registers there)."""
    return importlib.import_module("modelsearch.backends.database.sqlite.sqlite")


def signature_text(method):
    return str(inspect.signature(method))


def assert_title_norms_hook(index_class, rebuilder_class):
    # PageTitleNormsLeftAloneMixin overrides it: the index calls it after
    # adding objects, the rebuilders at the end of a rebuild.
    assert signature_text(index_class._refresh_title_norms) == "(self, full=False)"
    assert "self._refresh_title_norms()" in inspect.getsource(index_class.add_items)
    assert "_refresh_title_norms(full=True)" in inspect.getsource(rebuilder_class.finish)


def test_refresh_title_norms_keeps_its_signature_and_callers_on_postgresql():
    assert_title_norms_hook(PostgresIndex, PostgresSearchRebuilder)


@on_sqlite
def test_refresh_title_norms_keeps_its_signature_and_callers_on_sqlite():
    module = sqlite_backend()
    assert_title_norms_hook(module.SQLiteIndex, module.SQLiteSearchRebuilder)


def test_results_hooks_keep_their_signatures():
    # DatabaseFallbackResultsMixin overrides them: what results() and count() call.
    assert signature_text(BaseSearchResults._do_search) == "(self)"
    assert signature_text(BaseSearchResults._do_count) == "(self)"
    assert "self._do_search()" in inspect.getsource(BaseSearchResults.results)
    assert "self._do_count()" in inspect.getsource(BaseSearchResults.count)


def test_process_lookup_keeps_its_signature():
    # LanguageRoutingQueryCompilerMixin overrides it to read the locale filter.
    assert signature_text(ElasticsearchBaseSearchQueryCompiler._process_lookup) == (
        "(self, field_path, lookup, value, mapping=None, column_name_prefix='')"
    )


@on_sqlite
def test_sqlite_ranking_hooks_are_public_and_keep_their_signatures():
    # AnalysedSQLiteQueryCompiler ranks an analysed query through these two.
    compiler = sqlite_backend().SQLiteSearchQueryCompiler
    assert signature_text(compiler.get_search_vectors) == "(self)"
    assert signature_text(compiler.build_tsrank) == "(self, vector, query, config=None, boost=1.0)"


@pytest.mark.django_db
@on_sqlite
def test_an_analysed_query_is_ranked_by_the_weighted_bm25_on_sqlite(search_pages):
    reindex()
    results = get_search_backend().search("pushkin", Page.objects.live())
    sql = str(results.get_queryset().query)
    # Once per row, with the title column weighted: not a rank per vector.
    assert sql.count("bm25(") == 1
    assert "bm25(wagtailsearch_indexentry_fts, 0.0, 1.0, 4.0)" in sql
    assert {page.title for page in results} == {"Pushkin Day in Brussels", "International Pushkin Fund"}


@pytest.mark.django_db
def test_the_default_backend_is_a_search_engine():
    backend = get_search_backend()
    assert isinstance(backend, SearchEngine)
    assert as_search_engine(backend) is backend


@pytest.mark.parametrize("module", [elasticsearch8, elasticsearch9])
def test_the_elasticsearch_backends_are_search_engines(module):
    backend = module.SearchBackend({"URLS": ["http://127.0.0.1:9"], "INDEX_PREFIX": "test_", "TIMEOUT": 1})
    assert isinstance(backend, SearchEngine)


@pytest.mark.django_db
def test_any_other_backend_is_answered_from_its_results(search_pages):
    """Wagtail's own database backend (a SQLite without FTS5, MySQL) keeps no
    analysed terms: the service asks its results, and its order stands."""
    engine = as_search_engine(DatabaseSearchBackend({}))
    assert isinstance(engine, ResultsSearchEngine)
    pages = visible_pages(Site.objects.get(is_default_site=True))
    fund = search_pages["fund"]
    matches = engine.ranked_matches(AnalysedSearchQuery(analyse_query("fund")), pages, limit=10)
    assert fund.pk in [pk for pk, _content_type, _locale in matches.rows]
    assert sum(matches.counts.values()) == len(matches.rows)
    events = Page.objects.filter(pk=search_pages["day"].pk)
    wanted = engine.ranked_matches(AnalysedSearchQuery(analyse_query("pushkin")), pages, limit=10, wanted=events)
    assert [pk for pk, _content_type, _locale in wanted.rows] == [search_pages["day"].pk]
    assert engine.analysed_terms([fund]) == {}
    suggestions = engine.prefix_matches(analyse_prefix("Intern"), pages, limit=5)
    assert fund.pk in [pk for pk, _content_type, _locale in suggestions]
