"""Wagtail's database search backend, with the analysis of ``search.analysis``.

Wagtail's database backend analyses every page with one analyser (SQLite FTS5's
``unicode61`` tokenizer, or one PostgreSQL text-search configuration), requires
every word of a query by default, and lets FTS5 syntax errors surface as 500s.
This backend:

* indexes pages of the site (models with a ``search_terms`` field) by their
  pre-analysed terms: on SQLite in Wagtail's entry (for the admin's page
  search) and a row of the page full-text table (for the visitor's search)
  (:mod:`.sqlite`); on PostgreSQL in the page search entry
  (``search.PageSearchEntry``, and no Wagtail entry) (:mod:`.postgres`);
* analyses a plain query string (in every language, or in the languages of an
  ``AnalysedSearchQuery``) and ORs its alternatives, so a page matching
  some words is found and ranked below one matching all;
* ranks title matches above body matches (BM25 column weights on SQLite, the
  weight modelsearch gives the title terms' boost on PostgreSQL);
* answers the search service through :class:`search.engine.SearchEngine`,
  finding, filtering, counting and ranking in one statement
  (:mod:`.statements`).

It is the ``default`` backend (``"BACKEND": "search.backends.database"``), so
the Wagtail admin's page search uses it too. As in modelsearch, each vendor's
module is imported for the database in use only: it imports that vendor's
modelsearch backend. Other databases, and a SQLite without FTS5, get
Wagtail's own database backend.
"""

from functools import lru_cache

from django.db import connection
from modelsearch.backends.database import SearchBackend as wagtail_database_backend
from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists


@lru_cache(maxsize=1)
def sqlite_has_fts5():
    """Whether this Python's SQLite has FTS5: asked once (Wagtail's check
    creates a table in a new in-memory database), as every search builds its backend."""
    return fts5_available()


def SearchBackend(params):  # Wagtail looks the backend up by this name
    """The analysed backend for the default database's engine."""
    # Each vendor's module is imported here, for its vendor only, as
    # modelsearch imports its own: it loads that vendor's modelsearch backend.
    if connection.vendor == "postgresql":
        from search.backends.database.postgres import AnalysedPostgresSearchBackend

        return AnalysedPostgresSearchBackend(params)
    if connection.vendor == "sqlite" and sqlite_has_fts5() and fts_table_exists():
        from search.backends.database.sqlite import AnalysedSQLiteSearchBackend

        return AnalysedSQLiteSearchBackend(params)
    return wagtail_database_backend(params)
