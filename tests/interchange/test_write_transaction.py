"""An import's transaction takes SQLite's write lock when it begins.

Begun as a reader, a transaction that reads the site before it writes fails
with "database is locked" as soon as another connection commits in between
(a search counted in the query log, an editor's save): on SQLite the import
begins ``IMMEDIATE`` instead, and waits for that short write.
"""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from interchange.transactions import write_transaction

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's transaction modes")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_outermost_write_transaction_begins_immediate():
    with CaptureQueriesContext(connection) as queries, write_transaction():
        assert connection.in_atomic_block
    assert queries.captured_queries[0]["sql"] == "BEGIN IMMEDIATE"
    # Only that transaction: the connection's other transactions begin as configured.
    assert connection.transaction_mode is None
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        pass
    assert queries.captured_queries[0]["sql"] == "BEGIN"


@pytest.mark.django_db
def test_inside_another_transaction_it_is_a_savepoint():
    with CaptureQueriesContext(connection) as queries, write_transaction():
        pass
    assert not any(query["sql"].startswith("BEGIN") for query in queries.captured_queries)
