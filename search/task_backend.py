"""The site's task backends: Django's own, able to hold tasks back while a bulk write runs.

Every save of a page enqueues its search-index and reference-index updates as
tasks (modelsearch and Wagtail do). Outside a bulk write they go to the
configured backend: the database queue in development and production (a
worker, ``manage.py db_worker``, runs them beside the web server), run on the
spot in tests. Inside :func:`search.batching.batched_tasks` each distinct task
is only noted, and the batch runs it once at its end.

Kept apart from :mod:`search.batching`, which imports modules that define tasks:
defining a task loads this backend, so this module imports nothing that does.
"""

import json

from asgiref.local import Local
from django_tasks.backends.dummy import DummyBackend
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_db import DatabaseBackend

#: ``pending.tasks`` is a dict of distinct tasks while a batch is open in this thread, else None.
pending = Local()


def is_batch_open():
    return getattr(pending, "tasks", None) is not None


class BatchingBackend:
    """Mixed into a task backend: inside a batch, a task is noted for the batch instead of enqueued.

    A noted task gets the result Django's dummy backend gives: enqueued, never
    run. The batch runs the task itself, so that result is never followed up.
    """

    def __init__(self, alias, params):
        super().__init__(alias, params)
        self.noting = DummyBackend(alias, params)

    def enqueue(self, task, args, kwargs):
        if not is_batch_open():
            return super().enqueue(task, args, kwargs)
        key = (task.module_path, json.dumps([args, kwargs], sort_keys=True, default=str))
        pending.tasks.setdefault(key, (task, args, kwargs))
        result = self.noting.enqueue(task, args, kwargs)
        self.noting.clear()  # nobody looks a noted result up: no list growing with the batch
        return result

    async def aenqueue(self, task, args, kwargs):
        if not is_batch_open():
            return await super().aenqueue(task, args, kwargs)
        return self.enqueue(task, args, kwargs)


class BatchingImmediateBackend(BatchingBackend, ImmediateBackend):
    """Runs each task on the spot (tests), or notes it inside a batch."""


class BatchingDatabaseBackend(BatchingBackend, DatabaseBackend):
    """Queues each task in the database for ``manage.py db_worker``, or notes it inside a batch.

    Queued with the write that caused it (same transaction): a rolled-back
    save queues nothing, and a save made while no worker runs waits in the
    queue until one does.
    """
