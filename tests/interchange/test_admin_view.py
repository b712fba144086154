"""The Moderators' import view: upload, report, confirm, then the job's page; refused to Editors."""

import json
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from interchange.models import ImportJob
from organisations.models import OrganisationPage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ITEM = {"id": "pushkin-fund", "type": "organisation", "locale": "en", "title": "International Pushkin Fund"}


def upload(content, name="content.jsonl"):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.fixture
def moderator_client(client, home_page):
    user = UserFactory(group="Moderators")
    client.force_login(user)
    return client


def test_upload_report_then_confirm_imports(moderator_client):
    response = moderator_client.post(reverse("interchange_import"), {"file": upload(json.dumps(ITEM).encode() + b"\n")})
    # Tests run tasks at once: the worker has checked the file by the time its job's page is shown.
    job = ImportJob.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("interchange_import_job", args=[job.pk])
    assert (job.status, job.lines_total, job.sources, job.file_name) == ("checked", 1, 1, "content.jsonl")
    page = moderator_client.get(response.url).content.decode()
    assert "Confirm the import" in page
    assert "1 lines: 1 items and 0 translations." in page
    assert not OrganisationPage.objects.exists()

    response = moderator_client.post(reverse("interchange_import_confirm", args=[job.pk]))

    job.refresh_from_db()
    assert response.status_code == HTTPStatus.FOUND
    assert OrganisationPage.objects.get(external_id="pushkin-fund").live
    assert (job.status, job.created) == ("succeeded", 1)
    page = moderator_client.get(response.url).content.decode()
    assert "1 created, 0 updated, 0 unchanged." in page


def test_invalid_upload_shows_every_problem_and_imports_nothing(moderator_client):
    lines = [{**ITEM, "id": "Bad"}, {**ITEM, "id": "no-title", "title": ""}, {**ITEM, "id": "x", "type": "castle"}]
    content = b"".join(json.dumps(line).encode() + b"\n" for line in lines)
    response = moderator_client.post(reverse("interchange_import"), {"file": upload(content)})
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    page = moderator_client.get(response.url).content.decode()
    assert "line 1: id:" in page
    assert "line 2: title:" in page
    assert "line 3: type:" in page
    assert "Confirm the import" not in page
    assert not OrganisationPage.objects.exists()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"\xff\xfe{\x00\n", "line 1: encoding: not UTF-8"),
        (b"id;type;title\npushkin-fund;organisation;Fund\n", "line 1: json: invalid JSON"),
        (b'[{"id": "pushkin-fund"}]\n', "line 1: json: each line must be a JSON object"),
        (json.dumps(ITEM).encode() + b"\n" + b"%PDF-1.7\n", "line 2: json: invalid JSON"),
    ],
)
def test_a_file_that_is_not_json_lines_is_refused_at_the_upload(moderator_client, content, problem):
    response = moderator_client.post(reverse("interchange_import"), {"file": upload(content)})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    page = response.content.decode()
    assert "This is not a content file (JSON Lines, UTF-8):" in page
    assert problem in page
    assert not ImportJob.objects.exists() and not OrganisationPage.objects.exists()


def test_empty_or_missing_file_is_a_form_error(moderator_client):
    response = moderator_client.post(reverse("interchange_import"), {"file": upload(b"")})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    response = moderator_client.post(reverse("interchange_import"), {})
    assert response.status_code == HTTPStatus.BAD_REQUEST


def test_only_a_checked_upload_can_be_confirmed(moderator_client):
    bad_id = json.dumps({**ITEM, "id": "Bad"}).encode() + b"\n"
    response = moderator_client.post(reverse("interchange_import"), {"file": upload(bad_id)})
    job = ImportJob.objects.get()
    confirm = reverse("interchange_import_confirm", args=[job.pk])
    assert moderator_client.post(confirm).status_code == HTTPStatus.FOUND
    assert moderator_client.get(confirm).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and not job.started_at
    assert "no longer waiting for confirmation" in moderator_client.get(response.url).content.decode()


def test_editors_may_not_import(client, home_page):
    editor = UserFactory(group="Editors")
    client.force_login(editor)
    response = client.get(reverse("interchange_import"))
    assert response.status_code in (HTTPStatus.FORBIDDEN, HTTPStatus.FOUND)
