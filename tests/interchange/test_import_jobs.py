"""Admin imports as background jobs: the job record, its progress while it runs, its report at the end."""

import datetime
import json
from http import HTTPStatus
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from interchange.jobs import JobProgress, lines_done, run_import, upload_path
from interchange.models import ImportJob
from organisations.models import OrganisationPage
from tests import factories

pytestmark = pytest.mark.django_db

ITEM = {
    "id": "pushkin-fund",
    "type": "organisation",
    "locale": "en",
    "title": "International Pushkin Fund",
    "slug": "pushkin-fund",
}


def jsonl(*items):
    return b"".join(json.dumps(item).encode() + b"\n" for item in items)


@pytest.fixture
def moderator_client(client, home_page):
    client.force_login(factories.UserFactory(group="Moderators"))
    return client


def upload(client, content):
    """Upload a file; return its job, checked (tests run tasks at once)."""
    response = client.post(reverse("interchange_import"), {"file": SimpleUploadedFile("content.jsonl", content)})
    assert response.status_code == HTTPStatus.FOUND
    return ImportJob.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[-1])


def confirm(client, job):
    return client.post(reverse("interchange_import_confirm", args=[job.pk]))


def upload_and_confirm(client, content):
    job = upload(client, content)
    assert job.status == ImportJob.Status.CHECKED, job.problems
    return confirm(client, job)


def run_imports_worker():
    call_command("db_worker", queue_name="imports", batch=True, startup_delay=False, reload=False, stdout=StringIO())


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_a_file_refused_when_the_job_runs_is_reported_and_nothing_is_written(moderator_client, sections):
    content = jsonl(ITEM, {**ITEM, "id": "pushkin-library", "title": "Pushkin Library", "slug": "pushkin-library"})
    job = upload(moderator_client, content)
    assert job.status == ImportJob.Status.CHECKED
    # Between the check and the confirmation, another page takes the slug the file asks for.
    factories.OrganisationPageFactory(parent=sections["organisations"], slug="pushkin-library")

    response = confirm(moderator_client, job)

    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert any("line 2" in problem and "slug" in problem for problem in job.problems), job.problems
    assert not OrganisationPage.objects.filter(external_id__in=["pushkin-fund", "pushkin-library"]).exists()
    assert not upload_path(job.upload_token).exists()
    page = moderator_client.get(response.url).content.decode()
    assert "nothing was imported" in page
    assert "line 2" in page


def test_the_report_of_a_finished_job_counts_every_line(moderator_client, sections):
    upload_and_confirm(moderator_client, jsonl(ITEM))
    response = upload_and_confirm(moderator_client, jsonl(ITEM, {**ITEM, "locale": "nl", "title": "Poesjkinfonds"}))

    job = ImportJob.objects.first()
    assert (job.status, job.created, job.updated, job.unchanged) == ("succeeded", 1, 0, 1)
    progress = moderator_client.get(reverse("interchange_import_progress", args=[job.pk])).json()
    assert progress == {
        "status": "succeeded",
        "status_label": "Imported",
        "lines_done": 2,
        "lines_total": 2,
        "finished": True,
        "waiting_for_the_worker": False,
    }
    page = moderator_client.get(response.url).content.decode()
    assert "1 created, 0 updated, 1 unchanged." in page
    assert "<progress" not in page


def test_a_running_job_shows_the_lines_done_of_the_total(moderator_client):
    job = factories.ImportJobFactory(status=ImportJob.Status.RUNNING, lines_total=20_000)
    JobProgress(job).set(1_234)

    progress = moderator_client.get(reverse("interchange_import_progress", args=[job.pk])).json()
    assert (progress["lines_done"], progress["lines_total"], progress["finished"]) == (1_234, 20_000, False)
    page = moderator_client.get(reverse("interchange_import_job", args=[job.pk])).content.decode()
    assert '<progress id="job-progress" max="20000" value="1234">' in page
    assert '<label for="job-progress">' in page
    assert "1234 of 20000 lines done." in page
    assert 'role="status"' in page  # the status is read out when it changes
    assert reverse("interchange_import_progress", args=[job.pk]) in page


def test_a_queued_job_has_done_nothing_yet(moderator_client):
    job = factories.ImportJobFactory(status=ImportJob.Status.QUEUED)
    assert lines_done(job) == 0
    page = moderator_client.get(reverse("interchange_import_job", args=[job.pk])).content.decode()
    assert "Waiting for the worker" in page
    assert '<progress id="job-progress" max="10" value="0">' in page


def test_progress_is_written_every_so_often_not_at_every_line():
    job = factories.ImportJobFactory(status=ImportJob.Status.RUNNING, lines_total=100)
    clock = FakeClock()
    progress = JobProgress(job, every=1.0, clock=clock)
    progress.advance()
    for _ in range(10):
        clock.now += 0.25
        progress.advance(3)
    # Written at the first line and after each second: 1, then 13 (at 1.0 s), then 25 (at 2.0 s).
    assert lines_done(job) == 25
    progress.finish()
    assert lines_done(job) == 31
    progress.forget()
    assert lines_done(job) == 0


def test_a_job_runs_once_however_often_its_task_is_queued(moderator_client, sections):
    upload_and_confirm(moderator_client, jsonl(ITEM))
    job = ImportJob.objects.get()
    assert run_import.call(job.pk) == ImportJob.Status.SUCCEEDED
    assert OrganisationPage.objects.filter(external_id="pushkin-fund").count() == 1


def test_job_pages_are_for_moderators_only(client, home_page):
    job = factories.ImportJobFactory()
    client.force_login(factories.UserFactory(group="Editors"))
    for name in ("interchange_import_job", "interchange_import_progress"):
        response = client.get(reverse(name, args=[job.pk]))
        assert response.status_code in (HTTPStatus.FORBIDDEN, HTTPStatus.FOUND)


def test_an_unknown_job_is_not_found(moderator_client):
    response = moderator_client.get(reverse("interchange_import_job", args=[987654]))
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_the_upload_page_lists_recent_imports(moderator_client):
    job = factories.ImportJobFactory(file_name="federation.jsonl")
    page = moderator_client.get(reverse("interchange_import")).content.decode()
    assert "federation.jsonl" in page
    assert reverse("interchange_import_job", args=[job.pk]) in page


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_the_database_queue_the_confirmation_returns_at_once_and_the_worker_imports(
    settings, moderator_client, sections
):
    settings.TASKS = {
        "default": {"BACKEND": "search.task_backend.BatchingDatabaseBackend", "QUEUES": ["default", "imports"]}
    }
    job = upload(moderator_client, jsonl(ITEM))
    assert job.status == ImportJob.Status.CHECKING and job.task_id
    page = moderator_client.get(reverse("interchange_import_job", args=[job.pk])).content.decode()
    assert "The file is being checked." in page
    run_imports_worker()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CHECKED

    response = confirm(moderator_client, job)

    job.refresh_from_db()
    assert job.status == ImportJob.Status.QUEUED
    assert not OrganisationPage.objects.filter(external_id="pushkin-fund").exists()
    assert "Waiting for the worker" in moderator_client.get(response.url).content.decode()

    run_imports_worker()

    job.refresh_from_db()
    assert (job.status, job.created) == (ImportJob.Status.SUCCEEDED, 1)
    assert OrganisationPage.objects.get(external_id="pushkin-fund").live
    assert "1 created, 0 updated, 0 unchanged." in moderator_client.get(response.url).content.decode()


def test_an_upload_left_unconfirmed_for_a_day_is_dropped(moderator_client, sections):
    job = upload(moderator_client, jsonl(ITEM))
    recent = upload(moderator_client, jsonl(ITEM))
    ImportJob.objects.filter(pk=job.pk).update(enqueued_at=timezone.now() - datetime.timedelta(days=2))

    call_command("forget_unconfirmed_imports", stdout=StringIO())

    job.refresh_from_db()
    recent.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and "Not confirmed within a day" in job.problems[0]
    assert not upload_path(job.upload_token).exists()
    assert recent.status == ImportJob.Status.CHECKED and upload_path(recent.upload_token).exists()
    assert confirm(moderator_client, job).status_code == HTTPStatus.FOUND
    assert not OrganisationPage.objects.filter(external_id="pushkin-fund").exists()
