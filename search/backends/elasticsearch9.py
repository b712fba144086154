"""Wagtail's Elasticsearch 9 backend, analysing each page in its own language.

See :mod:`search.backends.elasticsearch_common` for what changes and why.
"""

from wagtail.search.backends.elasticsearch9 import (
    Elasticsearch9AutocompleteQueryCompiler,
    Elasticsearch9Mapping,
    Elasticsearch9SearchBackend,
    Elasticsearch9SearchQueryCompiler,
    Elasticsearch9SearchResults,
)

from search.backends.elasticsearch_common import (
    LanguageMappingMixin,
    LanguageRoutingQueryCompilerMixin,
    LanguageSearchBackendMixin,
)
from search.backends.elasticsearch_fallback import DatabaseFallbackResultsMixin


class LanguageElasticsearch9Mapping(LanguageMappingMixin, Elasticsearch9Mapping):
    pass


class LanguageElasticsearch9SearchQueryCompiler(LanguageRoutingQueryCompilerMixin, Elasticsearch9SearchQueryCompiler):
    mapping_class = LanguageElasticsearch9Mapping


class LanguageElasticsearch9AutocompleteQueryCompiler(Elasticsearch9AutocompleteQueryCompiler):
    mapping_class = LanguageElasticsearch9Mapping


class LanguageElasticsearch9SearchResults(DatabaseFallbackResultsMixin, Elasticsearch9SearchResults):
    pass


class LanguageElasticsearch9SearchBackend(LanguageSearchBackendMixin, Elasticsearch9SearchBackend):
    mapping_class = LanguageElasticsearch9Mapping
    query_compiler_class = LanguageElasticsearch9SearchQueryCompiler
    autocomplete_query_compiler_class = LanguageElasticsearch9AutocompleteQueryCompiler
    results_class = LanguageElasticsearch9SearchResults


SearchBackend = LanguageElasticsearch9SearchBackend
