"""Search-index updates through the database task queue: publishing never waits for the worker."""

from io import StringIO

import pytest
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import Page, Site

from search import service
from search.batching import OBJECT_TASKS, batched_tasks
from search.service import SearchParams
from tests import factories

# The worker commits each task it runs: the test needs real transactions.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DATABASE_QUEUE = {
    "default": {"BACKEND": "search.task_backend.BatchingDatabaseBackend", "QUEUES": ["default", "imports"]}
}


def found(query):
    site = Site.objects.get(is_default_site=True)
    return {hit.page.pk for hit in service.search(SearchParams(q=query, page_size=50), site, log=False).results}


def run_worker_once():
    """What a worker started after the fact does: run every queued task, then stop."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, stdout=StringIO())


@pytest.fixture
def database_queue(settings, home_page):
    settings.TASKS = DATABASE_QUEUE
    return home_page


def queued_tasks():
    return DBTaskResult.objects.filter(status=TaskResultStatus.READY)


def queued_index_updates():
    return queued_tasks().filter(task_path__in=OBJECT_TASKS)


def test_publishing_while_no_worker_runs_succeeds_and_the_index_catches_up(database_queue):
    page = factories.StandardPageFactory(parent=database_queue, title="Samovar evening", live=False)
    page.save_revision().publish()

    assert Page.objects.get(pk=page.pk).live
    assert queued_tasks().filter(task_path=insert_or_update_object_task.module_path).exists()
    assert page.pk not in found("samovar")

    run_worker_once()

    assert page.pk in found("samovar")
    assert not queued_tasks().exists()
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exists()


def test_an_edit_published_while_no_worker_runs_replaces_the_indexed_text(database_queue):
    page = factories.StandardPageFactory(parent=database_queue, title="Samovar evening", slug="evening", summary="")
    run_worker_once()
    page.title = "Balalaika evening"
    page.save_revision().publish()
    assert page.pk in found("samovar")

    run_worker_once()

    assert page.pk in found("balalaika")
    assert page.pk not in found("samovar")


def test_a_bulk_write_queues_no_index_update_and_is_searchable_once_it_ends(database_queue):
    with batched_tasks():
        page = factories.StandardPageFactory(parent=database_queue, title="Samovar evening", live=False)
        page.save_revision().publish()
        assert page.pk not in found("samovar")
    assert not queued_index_updates().exists()
    assert page.pk in found("samovar")


def test_a_task_noted_in_a_batch_is_reported_enqueued_not_queued(database_queue):
    with batched_tasks():
        result = insert_or_update_object_task.enqueue("home", "homepage", str(database_queue.pk))
    assert (result.status, result.finished_at) == (TaskResultStatus.READY, None)
    assert not queued_index_updates().exists()
