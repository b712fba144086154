"""The count of visitors' searches, for the editors' popular searches, kept
off the visitor's time.

A search only adds its query to a buffer in the process (:func:`record`); the
buffer is written to Wagtail's ``Query`` and ``QueryDailyHits`` tables at the
end of the response (:func:`flush_after_response`, on ``request_finished``,
once the response has been handed to the server), in one short transaction
that waits at most :data:`LOCK_TIMEOUT_MS` for a lock. While another
connection holds the write lock (an import on SQLite, a long save), the counts
stay in the buffer and are written at the end of a later response: no visitor
ever waits for a statistic. The buffer is bounded (:data:`MAX_PENDING_QUERIES`);
what it cannot hold is dropped, counted (:func:`dropped_count`) and logged.
Counts still buffered when a process stops are lost, as a statistic may be.
"""

import logging
import threading
from collections import Counter
from contextlib import contextmanager

from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

logger = logging.getLogger(__name__)

#: Distinct (query, day) counts the buffer holds at most between two writes.
MAX_PENDING_QUERIES = 1000
#: How long the write of the counts waits for another connection's lock
#: before leaving them for the next response.
LOCK_TIMEOUT_MS = 50
#: ``dispatch_uid`` of the ``request_finished`` receiver (connected in ``SearchConfig.ready``).
FLUSH_RECEIVER_UID = "search-query-log-flush"

_lock = threading.Lock()
_pending = Counter()  # {(normalised query, date): hits}
_dropped = 0


def record(query_string):
    """Count a visitor's query (normalised as Wagtail does), in memory only."""
    global _dropped
    key = (normalise_query_string(query_string), timezone.now().date())
    if not key[0]:
        return
    with _lock:
        if key in _pending or len(_pending) < MAX_PENDING_QUERIES:
            _pending[key] += 1
            return
        _dropped += 1
        dropped = _dropped
    if dropped == 1 or dropped % 1000 == 0:
        logger.warning("Search query log full: %s queries not counted so far", dropped)


def pending_count():
    """Hits counted but not yet written."""
    with _lock:
        return sum(_pending.values())


def dropped_count():
    """Hits never counted because the buffer was full, since the process started."""
    return _dropped


def discard_pending():
    """Forget the buffered counts (tests)."""
    global _dropped
    with _lock:
        _pending.clear()
        _dropped = 0


def _take():
    with _lock:
        taken = dict(_pending)
        _pending.clear()
    return taken


def _put_back(counts):
    """Counts whose write failed, back into the buffer as far as it has room."""
    global _dropped
    lost = 0
    with _lock:
        for key, hits in counts.items():
            if key in _pending or len(_pending) < MAX_PENDING_QUERIES:
                _pending[key] += hits
            else:
                lost += hits
        _dropped += lost
    if lost:
        logger.warning("Search query log full: %s queries not counted", lost)


def flush():
    """Write the buffered counts, waiting at most :data:`LOCK_TIMEOUT_MS` for a
    lock; on any database error they stay buffered. Returns whether the buffer
    was written."""
    counts = _take()
    if not counts:
        return True
    try:
        with _short_lock_timeout():
            _write(counts)
    except DatabaseError as error:
        _put_back(counts)
        logger.info("Search query log kept for later (%s)", error)
        return False
    return True


def flush_after_response(**_kwargs):
    """``request_finished`` receiver: the buffer is written once the response
    is out. A connection opened for it only is closed again."""
    if not _pending:
        return
    was_closed = connection.connection is None
    try:
        flush()
    finally:
        if was_closed:
            connection.close()


@contextmanager
def _short_lock_timeout():
    """SQLite: the connection's busy timeout, shortened for the write and put
    back after it (PostgreSQL sets ``lock_timeout`` in the write's transaction)."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        previous = cursor.execute("PRAGMA busy_timeout").fetchone()[0]
        cursor.execute(f"PRAGMA busy_timeout = {int(LOCK_TIMEOUT_MS)}")
    try:
        yield
    finally:
        if connection.connection is not None:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA busy_timeout = {int(previous)}")


def _write(counts):
    """Upsert ``{(query, date): hits}`` into Wagtail's query and daily hit
    tables, in one transaction: two statements per query where Wagtail's
    ``Query.get(...).add_hit()`` takes five."""
    queries, daily = Query._meta.db_table, QueryDailyHits._meta.db_table
    add_query = f"INSERT INTO {queries} (query_string) VALUES (%s) ON CONFLICT (query_string) DO NOTHING"
    # SQLite needs the SELECT's WHERE to read ON CONFLICT as the upsert's.
    add_hits = (
        f"INSERT INTO {daily} (query_id, date, hits) SELECT id, %s, %s FROM {queries} WHERE query_string = %s "
        f"ON CONFLICT (query_id, date) DO UPDATE SET hits = {daily}.hits + EXCLUDED.hits"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A statistic: its commit need not wait for the disk (a crash may
            # lose the last counts, never consistency), nor for another's lock.
            cursor.execute(f"SET LOCAL lock_timeout = '{int(LOCK_TIMEOUT_MS)}ms'")
            cursor.execute("SET LOCAL synchronous_commit = off")
        for (query_string, day), hits in sorted(counts.items()):
            cursor.execute(add_query, [query_string])
            cursor.execute(add_hits, [connection.ops.adapt_datefield_value(day), hits, query_string])
