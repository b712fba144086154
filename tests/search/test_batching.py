"""Index updates of a bulk write: deferred inside ``batched_tasks``, each run once at its end."""

import pytest
from wagtail.models import Page, ReferenceIndex, Site
from wagtail.search.backends import get_search_backend

from search import service
from search.batching import batched_tasks
from search.service import SearchParams
from tests import factories

pytestmark = pytest.mark.django_db


def found(query):
    site = Site.objects.get(is_default_site=True)
    return {hit.page.pk for hit in service.search(SearchParams(q=query, page_size=50), site, log=False).results}


@pytest.fixture
def indexed_saves(monkeypatch):
    """Each object the search backend is handed to index, one by one or in bulk, as (model, pk)."""
    backend_class = type(get_search_backend())
    added = []
    add, add_bulk = backend_class.add, backend_class.add_bulk

    def add_one(self, obj):
        added.append((type(obj), obj.pk))
        return add(self, obj)

    def add_many(self, model, objs):
        added.extend((type(obj), obj.pk) for obj in objs)
        return add_bulk(self, model, objs)

    monkeypatch.setattr(backend_class, "add", add_one)
    monkeypatch.setattr(backend_class, "add_bulk", add_many)
    return added


def test_a_page_saved_many_times_is_indexed_once_at_the_end(home_page, indexed_saves):
    with batched_tasks():
        page = factories.StandardPageFactory(
            parent=home_page, title="Samovar evening", slug="evening", summary="", live=False
        )
        page.save_revision().publish()
        page.title = "Balalaika evening"
        page.save_revision().publish()
        assert indexed_saves == []
        assert page.pk not in found("balalaika")
    assert indexed_saves.count((type(page), page.pk)) == 1
    assert page.pk in found("balalaika")
    assert page.pk not in found("samovar")


def test_a_page_saved_as_a_plain_page_is_indexed_as_its_type(home_page, indexed_saves):
    page = factories.StandardPageFactory(parent=home_page, title="Samovar evening")
    indexed_saves.clear()
    with batched_tasks():
        plain = Page.objects.get(pk=page.pk)
        plain.title = "Balalaika evening"
        plain.save()
    assert indexed_saves == [(type(page), page.pk)]
    assert page.pk in found("balalaika")


def test_references_are_recorded_once_the_batch_ends(home_page):
    organisation = factories.OrganisationPageFactory(parent=home_page)
    with batched_tasks():
        event = factories.EventPageFactory(parent=home_page)
        factories.EventOrganiserFactory(event=event, organisation=organisation)
        event.save()
        # A save recreates the inline children: the task about the first one names a deleted row.
        event.save()
    referencing = ReferenceIndex.get_references_to(organisation).values_list("object_id", flat=True)
    assert str(event.pk) in referencing


def test_a_page_with_many_inline_rows_has_its_references_recorded_once(home_page, monkeypatch):
    organisations = [factories.OrganisationPageFactory(parent=home_page) for _ in range(3)]
    recorded = []
    record = ReferenceIndex.create_or_update_for_object.__func__

    def record_and_count(cls, obj):
        recorded.append((type(obj), obj.pk))
        return record(cls, obj)

    monkeypatch.setattr(ReferenceIndex, "create_or_update_for_object", classmethod(record_and_count))
    with batched_tasks():
        event = factories.EventPageFactory(parent=home_page)
        for organisation in organisations:
            factories.EventOrganiserFactory(event=event, organisation=organisation)
    # One task per inline row was noted; the rows name their page, which is indexed once for all of them.
    assert recorded.count((type(event), event.pk)) == 1
    for organisation in organisations:
        assert str(event.pk) in ReferenceIndex.get_references_to(organisation).values_list("object_id", flat=True)


def test_a_failed_batch_runs_nothing(home_page, indexed_saves):
    with pytest.raises(RuntimeError), batched_tasks():
        factories.StandardPageFactory(parent=home_page, title="Samovar evening")
        raise RuntimeError
    assert indexed_saves == []


def test_nested_batches_run_once_at_the_outermost_end(home_page, indexed_saves):
    with batched_tasks():
        with batched_tasks():
            page = factories.StandardPageFactory(parent=home_page, title="Samovar evening")
        assert indexed_saves == []
    assert indexed_saves == [(type(page), page.pk)]


def test_outside_a_batch_every_save_indexes_at_once(home_page, indexed_saves):
    page = factories.StandardPageFactory(parent=home_page, title="Samovar evening")
    assert (type(page), page.pk) in indexed_saves


def test_a_task_noted_in_a_batch_is_reported_enqueued_not_run(home_page, indexed_saves):
    from django_tasks.base import TaskResultStatus
    from modelsearch.tasks import insert_or_update_object_task

    with batched_tasks():
        result = insert_or_update_object_task.enqueue("home", "homepage", str(home_page.pk))
        assert (result.status, result.finished_at, result.args) == (
            TaskResultStatus.READY,
            None,
            ["home", "homepage", str(home_page.pk)],
        )
        assert indexed_saves == []
    assert [pk for _model, pk in indexed_saves] == [home_page.pk]
