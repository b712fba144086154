"""Elasticsearch's fallback: answers from the database backend while Elasticsearch fails.

If Elasticsearch cannot be reached (or answers with an error), the results fall
back to the database backend and a warning is logged: search never answers 500
because a server is down. Elasticsearch is then left alone for a while
(``RETRY_AFTER_SECONDS``), so that an outage does not cost every request a timeout.
"""

import logging
import time
from functools import cached_property

from elastic_transport import TransportError
from elasticsearch import ApiError
from modelsearch.backends import get_search_backend
from modelsearch.backends.elasticsearchbase import ElasticsearchAutocompleteQueryCompilerImpl
from modelsearch.query import PlainText

logger = logging.getLogger(__name__)

#: The errors of a request Elasticsearch could not answer.
ELASTICSEARCH_ERRORS = (TransportError, ApiError)

#: Where a failed Elasticsearch request sends searches (the ``FALLBACK_BACKEND``
#: parameter: a name in ``WAGTAILSEARCH_BACKENDS``, kept up to date beside
#: Elasticsearch, or a dotted path), and for how long before Elasticsearch is
#: tried again (``RETRY_AFTER_SECONDS``).
DEFAULT_FALLBACK_BACKEND = "search.backends.database"
DEFAULT_RETRY_AFTER_SECONDS = 30

# When each Elasticsearch cluster (by its hosts) may be asked again. Module
# level because ``get_search_backend()`` builds a new backend for every call.
_resting_until = {}


class DatabaseFallbackResultsMixin:
    """Answers from the database backend when Elasticsearch fails.

    Every way of reading results (iterating, counting, faceting) goes through
    Elasticsearch once; on a transport or server error the same query is run on
    the fallback backend, a warning logged, and Elasticsearch left alone for a
    while so that an outage does not cost every request a timeout.

    ``_do_search`` and ``_do_count`` are the hooks modelsearch's results
    document "to be implemented by subclasses": the public ``results()`` and
    ``count()`` wrap them with the results' cache, which keeps what the
    fallback answered too. Their signatures are checked by
    ``tests/search/test_backend_hooks.py``.
    """

    def _do_search(self):
        if self.backend.is_resting():
            return self._fallback_results().results()
        try:
            # Materialised here so that errors raised while iterating are caught.
            return list(super()._do_search())
        except ELASTICSEARCH_ERRORS as error:
            self.backend.report_failure(error)
            return self._fallback_results().results()

    def _do_count(self):
        if self.backend.is_resting():
            return self._fallback_results().count()
        try:
            return super()._do_count()
        except ELASTICSEARCH_ERRORS as error:
            self.backend.report_failure(error)
            return self._fallback_results().count()

    def facet(self, field_name):
        if self.backend.is_resting():
            return self._fallback_results().facet(field_name)
        try:
            return super().facet(field_name)
        except ELASTICSEARCH_ERRORS as error:
            self.backend.report_failure(error)
            return self._fallback_results().facet(field_name)

    def _fallback_results(self):
        compiler = self.query_compiler
        fallback = self.backend.fallback_backend
        search = (
            fallback.autocomplete
            if isinstance(compiler, ElasticsearchAutocompleteQueryCompilerImpl)
            else fallback.search
        )
        query, operator = compiler.query, None
        if isinstance(query, PlainText):
            # As typed, so that the fallback analyses it its own way.
            query, operator = query.query_string, query.operator
        results = search(
            query,
            compiler.queryset,
            fields=compiler.fields,
            operator=operator,
            order_by_relevance=compiler.order_by_relevance,
        )
        if self._score_field:
            results = results.annotate_score(self._score_field)
        return results[self.start : self.stop]


class FallbackBackendMixin:
    """For a backend: the fallback backend and the back-off of its cluster."""

    def __init__(self, params):
        params = dict(params)
        self.fallback_backend_name = params.pop("FALLBACK_BACKEND", DEFAULT_FALLBACK_BACKEND)
        self.retry_after_seconds = params.pop("RETRY_AFTER_SECONDS", DEFAULT_RETRY_AFTER_SECONDS)
        super().__init__(params)

    @cached_property
    def fallback_backend(self):
        return get_search_backend(self.fallback_backend_name)

    @property
    def cluster_key(self):
        return repr(self.hosts)

    def is_resting(self):
        return time.monotonic() < _resting_until.get(self.cluster_key, 0.0)

    def report_failure(self, error):
        logger.warning(
            "Elasticsearch search failed (%s: %s); answering from the %r backend for %s seconds.",
            type(error).__name__,
            error,
            self.fallback_backend_name,
            self.retry_after_seconds,
        )
        _resting_until[self.cluster_key] = time.monotonic() + self.retry_after_seconds
