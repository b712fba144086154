"""The query log never makes a visitor wait: searches answer while another
connection holds the write lock (an import, an editor's save), and their counts
are written once it is gone."""

import sqlite3
import time
from contextlib import contextmanager
from datetime import date

import pytest
from django.db import OperationalError, connection, connections
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from search.service import query_log
from tests.helpers import reindex

SEARCHES = [
    ("/api/search/", {"q": "Pushkin fund"}),
    ("/en/search/", {"q": "Pushkin fund"}),
    ("/api/search/suggest/", {"q": "Pus"}),
    ("/api/search/", {"q": "Pushkin fund", "type": "organisation", "locale": "en"}),
]


@pytest.fixture(autouse=True)
def empty_buffer():
    query_log.discard_pending()
    yield
    query_log.discard_pending()


@pytest.fixture
def file_database(tmp_path):
    """SQLite: the test database, copied to a file that the connection then uses.

    The in-memory test database lives in one process's shared cache, whose
    locks are not those of a file that an import holds: the copy behaves as
    the site's database does (write-ahead log, the settings' busy timeout).
    """
    if connection.vendor != "sqlite":
        yield None
        return
    path = tmp_path / "site.sqlite3"
    connection.ensure_connection()
    in_memory, name = connection.connection, connection.settings_dict["NAME"]
    with sqlite3.connect(path) as copy:
        in_memory.backup(copy)
    # Django never closes an in-memory database (closing would drop it): set
    # it aside, use the file, and put it back.
    connection.connection = None
    connection.settings_dict["NAME"] = str(path)
    try:
        yield path
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name
        connection.connection = in_memory


@contextmanager
def write_lock_held(path):
    """Another connection holds a write transaction on the query log's tables."""
    if path is not None:
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            other.execute("ROLLBACK")
            other.close()
        return
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute(f"LOCK TABLE {Query._meta.db_table}, {QueryDailyHits._meta.db_table} IN EXCLUSIVE MODE")
            try:
                yield
            finally:
                cursor.execute("ROLLBACK")
    finally:
        other.close()


def hits(query_string):
    return sum(
        QueryDailyHits.objects.filter(query__query_string=query_string, date=date.today()).values_list(
            "hits", flat=True
        )
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_searches_answer_within_a_second_while_a_write_lock_is_held(client, search_pages, file_database):
    reindex()
    with write_lock_held(file_database):
        for path, params in SEARCHES:
            started = time.monotonic()
            response = client.get(path, params)
            assert response.status_code == 200, (path, params)
            assert time.monotonic() - started < 1.0, (path, params)
        assert "International Pushkin Fund" in client.get("/api/search/", {"q": "pushkin"}).content.decode()
    # The counts kept while the lock was held are written at the end of the
    # next response.
    client.get("/api/search/", {"q": "Pushkin fund"})
    assert hits("pushkin fund") == 4
    assert hits("pushkin") == 1
    assert query_log.pending_count() == 0


@pytest.mark.django_db
def test_counts_are_written_at_the_end_of_the_response(client, home_page):
    client.get("/api/search/", {"q": "Pushkin  Museum"})
    assert hits("pushkin museum") == 1
    client.get("/en/search/", {"q": "pushkin museum"})
    assert Query.objects.get(query_string="pushkin museum").hits == 2


@pytest.mark.django_db
def test_a_failed_write_keeps_the_counts_for_the_next(client, home_page, monkeypatch):
    def locked(*_buffered):
        raise OperationalError("database is locked")

    with monkeypatch.context() as patch:
        patch.setattr(query_log, "_write", locked)
        client.get("/api/search/", {"q": "matryoshka"})
        client.get("/api/search/", {"q": "matryoshka"})
    assert hits("matryoshka") == 0 and query_log.pending_count() == 2
    client.get("/api/search/", {"q": "samovar"})
    assert hits("matryoshka") == 2 and hits("samovar") == 1


@pytest.mark.django_db
def test_the_buffer_is_bounded_and_what_it_drops_is_counted(home_page, monkeypatch):
    monkeypatch.setattr(query_log, "MAX_PENDING_QUERIES", 3)
    for word in ["one", "two", "three", "four", "five", "one"]:
        query_log.record(word)
    assert query_log.pending_count() == 4  # one twice, two, three
    assert query_log.dropped_count() == 2
    query_log.flush()
    assert [hits(word) for word in ["one", "two", "three", "four"]] == [2, 1, 1, 0]


@pytest.mark.django_db
def test_no_search_writes_anything_before_its_response_is_sent(client, search_pages):
    """Every statement of a search is a read: the log's writes wait for the
    end of the response (``request_finished``), off the visitor's time."""
    from django.core.signals import request_finished
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        request_finished.disconnect(dispatch_uid=query_log.FLUSH_RECEIVER_UID)
        try:
            for path, params in SEARCHES:
                assert client.get(path, params).status_code == 200
        finally:
            request_finished.connect(query_log.flush_after_response, dispatch_uid=query_log.FLUSH_RECEIVER_UID)
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().split(" ", 1)[0].upper() in {"INSERT", "UPDATE", "DELETE", "REPLACE"}
    ]
    assert writes == []
