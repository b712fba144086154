"""The write transaction of an import: on SQLite, the write lock taken when it begins.

A transaction that reads before it writes (an import reads the site to place
its pages) starts, on SQLite, as a reader with a snapshot of the database. If
another connection commits meanwhile (a visitor's search counted in the query
log, an editor's save, a task), that snapshot is stale and the first write
fails at once with "database is locked": waiting cannot help, so SQLite does
not wait. Taking the write lock at ``BEGIN`` (``BEGIN IMMEDIATE``) waits
instead for the other writer's short transaction, and from then on no commit
can come in between. Readers are not held up either way (WAL mode); other
writers queue behind the import, as they would behind its first write.

PostgreSQL needs nothing of the kind: its rows are locked one by one.
django-tasks-db's worker claims its tasks the same way (``exclusive_transaction``).
"""

from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def write_transaction():
    """``transaction.atomic()``, beginning with the write lock on SQLite when it is the outermost block."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        with transaction.atomic():
            yield
        return
    connection.ensure_connection()
    # Django's SQLite backend begins each outermost transaction with "BEGIN <transaction_mode>"
    # (the OPTIONS setting of that name): this one only is begun IMMEDIATE.
    previous = connection.transaction_mode
    connection.transaction_mode = "IMMEDIATE"
    try:
        with transaction.atomic():
            connection.transaction_mode = previous
            yield
    finally:
        connection.transaction_mode = previous
