"""The task backend: Django's immediate backend, which can hold tasks back for a batch.

Kept apart from :mod:`home.batching`, which imports modules that define tasks:
defining a task loads this backend, so this module imports nothing that does.
"""

import json

from asgiref.local import Local
from django_tasks.backends.dummy import DummyBackend
from django_tasks.backends.immediate import ImmediateBackend

#: ``pending.tasks`` is a dict of distinct tasks while a batch is open in this thread, else None.
pending = Local()


class BatchingImmediateBackend(ImmediateBackend):
    """Django's immediate task backend, which notes tasks instead inside :func:`home.batching.batched_tasks`."""

    def __init__(self, alias, params):
        super().__init__(alias, params)
        # A noted task gets the result the framework's dummy backend gives: enqueued, not yet run.
        self.noting = DummyBackend(alias, params)

    def enqueue(self, task, args, kwargs):
        tasks = getattr(pending, "tasks", None)
        if tasks is None:
            return super().enqueue(task, args, kwargs)
        key = (task.module_path, json.dumps([args, kwargs], sort_keys=True, default=str))
        tasks.setdefault(key, (task, args, kwargs))
        result = self.noting.enqueue(task, args, kwargs)
        self.noting.clear()  # nobody looks a noted result up: no list growing with the batch
        return result
