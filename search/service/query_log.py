"""The count of visitors' searches, for the editors' popular searches, kept
off the visitor's time.

A search only adds its query to a buffer in the process (:func:`record`); the
buffer is written to Wagtail's ``Query`` and ``QueryDailyHits`` tables (and
the results each query found to :class:`~search.models.QueryResults`) at the
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
from django.db.models import Case, F, Value, When
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

from search.models import QueryResults

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
_results = {}  # {normalised query: results it found, the last time}
_dropped = 0


def record(query_string, results=None):
    """Count a visitor's query (normalised as Wagtail does) and how many
    ``results`` it found, in memory only."""
    global _dropped
    key = (normalise_query_string(query_string), timezone.now().date())
    if not key[0]:
        return
    with _lock:
        if key in _pending or len(_pending) < MAX_PENDING_QUERIES:
            _pending[key] += 1
            if results is not None:
                _results[key[0]] = results
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
        _results.clear()
        _dropped = 0


def _take():
    with _lock:
        taken = dict(_pending), dict(_results)
        _pending.clear()
        _results.clear()
    return taken


def _put_back(counts, results):
    """Counts whose write failed, back into the buffer as far as it has room."""
    global _dropped
    lost = 0
    with _lock:
        for query_string, found in results.items():
            _results.setdefault(query_string, found)
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
    counts, results = _take()
    if not counts and not results:
        return True
    try:
        with _short_lock_timeout():
            _write(counts, results)
    except DatabaseError as error:
        _put_back(counts, results)
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


def _write(counts, results):
    """Upsert ``{(query, date): hits}`` into Wagtail's query and daily hit
    tables, and ``{query: results found}`` into :class:`~search.models.QueryResults`,
    in one transaction of a few statements whatever the number of queries
    (Wagtail's ``Query.get(...).add_hit()`` takes five per query): the
    queries inserted at once (those already known left alone), their ids
    read at once, the known days' hits added to in one update and the new
    days inserted at once."""
    query_strings = sorted({query_string for query_string, _day in counts} | set(results))
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # A statistic: its commit need not wait for the disk (a crash may
            # lose the last counts, never consistency), nor for another's lock.
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL lock_timeout = '{int(LOCK_TIMEOUT_MS)}ms'")
                cursor.execute("SET LOCAL synchronous_commit = off")
        Query.objects.bulk_create([Query(query_string=text) for text in query_strings], ignore_conflicts=True)
        ids = dict(Query.objects.filter(query_string__in=query_strings).values_list("query_string", "pk"))
        hits = {(ids[query_string], day): number for (query_string, day), number in counts.items()}
        known = QueryDailyHits.objects.filter(
            query_id__in={query_id for query_id, _day in hits}, date__in={day for _query_id, day in hits}
        ).values_list("pk", "query_id", "date")
        added = {pk: hits.pop((query_id, day)) for pk, query_id, day in known if (query_id, day) in hits}
        if added:
            QueryDailyHits.objects.filter(pk__in=added).update(
                hits=F("hits") + Case(*(When(pk=pk, then=Value(number)) for pk, number in added.items()), default=0)
            )
        QueryDailyHits.objects.bulk_create(
            [QueryDailyHits(query_id=query_id, date=day, hits=number) for (query_id, day), number in hits.items()]
        )
        today = timezone.localdate()
        QueryResults.objects.bulk_create(
            [QueryResults(query_id=ids[text], results=found, searched_on=today) for text, found in results.items()],
            update_conflicts=True,
            unique_fields=["query"],
            update_fields=["results", "searched_on"],
        )
