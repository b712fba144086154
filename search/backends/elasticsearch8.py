"""Wagtail's Elasticsearch 8 backend, analysing each page in its own language.

See :mod:`search.backends.elasticsearch_common` for what changes and why.

Elasticsearch 8 servers need the 8.x Python client (``elasticsearch>=8,<9``):
the 9.x client asks for version-9 compatible answers, which 8.x refuses (system check
``search.W001`` says so).
"""

from wagtail.search.backends.elasticsearch8 import (
    Elasticsearch8AutocompleteQueryCompiler,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchQueryCompiler,
    Elasticsearch8SearchResults,
)

from search.backends.elasticsearch_common import (
    LanguageMappingMixin,
    LanguageRoutingQueryCompilerMixin,
    LanguageSearchBackendMixin,
)
from search.backends.elasticsearch_fallback import DatabaseFallbackResultsMixin


class LanguageElasticsearch8Mapping(LanguageMappingMixin, Elasticsearch8Mapping):
    pass


class LanguageElasticsearch8SearchQueryCompiler(LanguageRoutingQueryCompilerMixin, Elasticsearch8SearchQueryCompiler):
    mapping_class = LanguageElasticsearch8Mapping


class LanguageElasticsearch8AutocompleteQueryCompiler(Elasticsearch8AutocompleteQueryCompiler):
    mapping_class = LanguageElasticsearch8Mapping


class LanguageElasticsearch8SearchResults(DatabaseFallbackResultsMixin, Elasticsearch8SearchResults):
    pass


class LanguageElasticsearch8SearchBackend(LanguageSearchBackendMixin, Elasticsearch8SearchBackend):
    mapping_class = LanguageElasticsearch8Mapping
    query_compiler_class = LanguageElasticsearch8SearchQueryCompiler
    autocomplete_query_compiler_class = LanguageElasticsearch8AutocompleteQueryCompiler
    results_class = LanguageElasticsearch8SearchResults


SearchBackend = LanguageElasticsearch8SearchBackend
