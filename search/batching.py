"""Background work of page saves, queued per save, or run once per object at the end of a bulk write.

Every save of a page enqueues a search-index update (modelsearch) and a
reference-index update (Wagtail) as tasks, which the worker runs
(:mod:`search.task_backend`); that suits an editor saving one page. A bulk
write (a content import, the demo loader) saves each page five or six times
(created, revised, published, translated, tagged), and would queue as many
updates, each indexing one page. Inside :func:`batched_tasks` the backend only
notes each distinct task; on the way out the batch does the work itself, once
per object, with the search-index updates grouped per model and indexed in
bulk, inside the bulk write's transaction: what it wrote is searchable when it
commits. Other tasks noted in the batch are enqueued then, once each.
"""

import logging
from collections import defaultdict
from contextlib import contextmanager

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from modelcluster.fields import ParentalKey
from modelsearch.backends import get_search_backends_with_name
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import Page
from wagtail.tasks import update_reference_index_task

from .task_backend import pending

logger = logging.getLogger(__name__)

#: Objects read and indexed at once: a bulk write of any size runs in flat
#: memory, and within the database's limit on query parameters.
CHUNK_SIZE = 500

#: Tasks about one saved object, called with (app label, model name, primary key).
OBJECT_TASKS = {insert_or_update_object_task.module_path, update_reference_index_task.module_path}


@contextmanager
def batched_tasks():
    """Defer the tasks enqueued in this block (in this thread) and run each distinct one once at its end.

    Nested blocks join the outermost one. Leaving the block with an exception
    drops the noted tasks: the transaction they belong to is rolled back.
    """
    if getattr(pending, "tasks", None) is not None:
        yield
        return
    pending.tasks = {}
    try:
        yield
        tasks = pending.tasks
    finally:
        pending.tasks = None
    run_batch(tasks)


def run_batch(tasks):
    """Run noted tasks in the order first enqueued, search-index updates in bulk per model.

    A save of a page deletes and recreates its inline children, so a task about
    a child may name an object gone since: the page's own task covers it.
    """
    saved = defaultdict(set)
    for task, args, kwargs in tasks.values():
        if task.module_path in OBJECT_TASKS:
            app_label, model_name, pk = args
            saved[task.module_path, apps.get_model(app_label, model_name)].add(pk)
        else:
            task.enqueue(*args, **kwargs)
    to_index, to_reference = defaultdict(set), defaultdict(set)
    for (task_path, model), pks in saved.items():
        if task_path == update_reference_index_task.module_path:
            for owner_model, owner_pks in owners_of(model, pks):
                to_reference[owner_model].update(owner_model._meta.pk.to_python(pk) for pk in owner_pks)
        else:
            for indexed_model, indexed_pks in indexed_models_of(model, pks):
                to_index[indexed_model].update(indexed_pks)
    for model, pks in to_reference.items():
        for chunk in chunks(pks):
            for pk in model.objects.filter(pk__in=chunk).values_list("pk", flat=True):
                update_reference_index_task.call(model._meta.app_label, model._meta.model_name, str(pk))
    for model, pks in to_index.items():
        index_in_bulk(model, pks)


def owners_of(model, pks):
    """The objects whose references are indexed for saved objects of ``model``: a child object's
    (a page's inline row, by its parental key) is its parent's, which is indexed once for all its children.

    ``update_reference_index_task`` walks from a child to its parent too, but one child at a time:
    a page of two hundred inline rows would be indexed two hundred times.
    """
    parental_key = next((field for field in model._meta.get_fields() if isinstance(field, ParentalKey)), None)
    if parental_key is None:
        return [(model, pks)]
    parents = set()
    for chunk in chunks(pks):
        parents.update(model.objects.filter(pk__in=chunk).values_list(parental_key.attname, flat=True))
    parents.discard(None)
    return owners_of(parental_key.related_model, parents)


def indexed_models_of(model, pks):
    """Group saved objects by the model that indexes them: a page saved as a plain ``Page`` is indexed as its type."""
    if not issubclass(model, Page):
        return [(model, pks)]
    by_type = defaultdict(set)
    for chunk in chunks(pks):
        for pk, content_type_id in Page.objects.filter(pk__in=chunk).values_list("pk", "content_type"):
            by_type[ContentType.objects.get_for_id(content_type_id).model_class()].add(pk)
    return by_type.items()


def chunks(pks, size=CHUNK_SIZE):
    """``pks`` in sorted lists of at most ``size``."""
    pks = sorted(pks)
    return [pks[start : start + size] for start in range(0, len(pks), size)]


def index_in_bulk(model, pks):
    """Index the given objects of ``model`` that its index holds, as ``insert_or_update_object`` would one by one."""
    for chunk in chunks(pks):
        objects = list(model.get_indexed_objects().filter(pk__in=chunk))
        if objects:
            add_to_indexes(model, objects)


def add_to_indexes(model, objects):
    """Add ``objects`` of ``model`` to every search backend that follows saves."""
    for backend_name, backend in get_search_backends_with_name(with_auto_update=True):
        try:
            backend.add_bulk(model, objects)
        except Exception:
            logger.exception(
                "Exception raised while adding %s objects into the '%s' search backend", model, backend_name
            )
            # As modelsearch does: an external service's outage must not lose the
            # write, but a database backend's error aborts the transaction anyway.
            if not backend.catch_indexing_errors:
                raise
