"""The task backend: Django's immediate backend, which can hold tasks back for a batch.

Kept apart from :mod:`home.batching`, which imports modules that define tasks:
defining a task loads this backend, so this module imports nothing that does.
"""

import json

from asgiref.local import Local
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id

#: ``pending.tasks`` is a dict of distinct tasks while a batch is open in this thread, else None.
pending = Local()


class BatchingImmediateBackend(ImmediateBackend):
    """Django's immediate task backend, which notes tasks instead inside :func:`home.batching.batched_tasks`."""

    def enqueue(self, task, args, kwargs):
        tasks = getattr(pending, "tasks", None)
        if tasks is None:
            return super().enqueue(task, args, kwargs)
        self.validate_task(task)
        key = (task.module_path, json.dumps([args, kwargs], sort_keys=True, default=str))
        tasks.setdefault(key, (task, args, kwargs))
        return TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
