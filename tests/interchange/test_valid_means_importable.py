"""A file the validator accepts imports; one it refuses (or that fails) writes nothing.

Each case below was accepted by validation and then crashed the import with a
traceback: now validation refuses it with its line and field, through the
page model's own rules.
"""

import json
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Page, Revision

from interchange import importer
from interchange.importer import import_file
from interchange.reading import LINE_MAX_BYTES
from interchange.validation import InvalidContent, validate_file
from organisations.models import OrganisationPage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def write(tmp_path, items, name="content.jsonl"):
    path = tmp_path / name
    # ASCII escapes, so that a lone surrogate reaches the file as JSON gives it.
    path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    return path


def org(**fields):
    return {"id": "fund", "type": "organisation", "locale": "en", "title": "Fund", **fields}


def event(start, end):
    return {"id": "gala", "type": "event", "locale": "en", "title": "Gala", "start": start, "end": end}


def jubilee(**fields):
    return {"id": "jub", "type": "jubilee", "locale": "en", "title": "Jubilee", "organisation": "fund", **fields}


def counts():
    return Page.objects.count(), Revision.objects.count()


def refused(path):
    """The problems of a refused file, after checking that importing it writes nothing."""
    before = counts()
    with pytest.raises(InvalidContent) as raised:
        import_file(path)
    assert counts() == before
    return raised.value.report.messages


CASES = {
    "two lines with one slug": ([org(slug="fund"), org(id="other", slug="fund")], "line 2: slug: 'fund' is also"),
    "a lone surrogate": ([org(title="\ud800")], "line 1: title: contains a lone surrogate (U+D800)"),
    "first moment": (
        [event("0001-01-01T00:00:00+01:00", "0001-01-01T02:00:00+01:00")],
        "line 1: start: '0001-01-01T00:00:00+01:00' is out of range",
    ),
    "last moment": (
        [event("9999-12-31T20:00:00-05:00", "9999-12-31T23:00:00-05:00")],
        "line 1: end: '9999-12-31T23:00:00-05:00' is out of range",
    ),
    "founded too early": ([org(founded="0500")], "line 1: founded: Enter a year between 800 and"),
    "founded in the future": ([org(founded="2999")], "line 1: founded: Enter a year between 800 and"),
    "jubilee without a founding year": (
        [org(), jubilee(date="2019-05-01")],
        "line 2: anniversary: The organisation has no founding year",
    ),
    "jubilee before the founding": (
        [jubilee(date="1990-05-01"), org(founded="1999")],
        "line 1: date: A jubilee is celebrated after the organisation was founded",
    ),
    "control characters in a title": ([org(title="Gala\r\nBEGIN:VEVENT")], "line 1: title: contains a line break"),
    "escape codes in a paragraph": ([org(body=["ok", "\x1b[31m"])], "line 1: body: paragraph 2 contains a control"),
    "a NUL in a tag": ([org(tags=["a\x00"])], "line 1: tags: tag contains a control character"),
    "a 2 MB paragraph": (
        [org(body=["pushkin " * 30_000])],
        "line 1: body: paragraph 1 is 240000 characters long; at most 20000 allowed",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_what_the_model_refuses_validation_refuses(home_page, tmp_path, name):
    items, expected = CASES[name]
    messages = refused(write(tmp_path, items))
    assert any(message.startswith(expected) for message in messages), messages


def test_a_slug_of_another_page_on_the_site_is_refused(home_page, tmp_path):
    import_file(write(tmp_path, [org(slug="fund")]))
    messages = refused(write(tmp_path, [org(id="other", title="Other", slug="fund")], "second.jsonl"))
    assert messages == [
        "line 1: slug: 'fund' is the slug of another page under the same parent ('Fund', /home/organisations/fund/)"
    ]
    # The page's own slug is no conflict.
    assert validate_file(write(tmp_path, [org(slug="fund", summary="Changed.")], "third.jsonl")).is_valid


def test_a_line_beyond_the_documented_size_is_refused_unread(home_page, tmp_path):
    path = tmp_path / "long.jsonl"
    path.write_bytes(json.dumps(org()).encode() + b"\n" + b'{"id": "' + b"x" * (LINE_MAX_BYTES + 10) + b'"}\n')
    messages = refused(path)
    assert messages == [f"line 2: line: is {LINE_MAX_BYTES + 21:,} bytes long; at most {LINE_MAX_BYTES:,} allowed"]


def test_a_failure_on_the_last_line_writes_nothing(home_page, tmp_path, monkeypatch):
    """The import is one transaction: a page refused at the last line undoes every earlier one."""
    items = [org(), org(id="second", title="Second"), org(id="last", title="Last")]
    path = write(tmp_path, items)
    assert validate_file(path).is_valid
    original = importer.assign_fields

    def refuse_the_last(page, item, anniversary=None):
        if item["id"] == "last":
            raise ValidationError({"title": "refused at import"})
        original(page, item, anniversary)

    monkeypatch.setattr(importer, "assign_fields", refuse_the_last)
    assert refused(path) == ["line 3: title: refused at import"]
    assert not OrganisationPage.objects.exists()


@pytest.fixture
def moderator_client(client, home_page):
    user = UserFactory(group="Moderators")
    client.force_login(user)
    return client


def test_the_admin_shows_a_failing_import_as_a_report_not_a_500(moderator_client, tmp_path, monkeypatch):
    url = reverse("interchange_import")
    content = "".join(json.dumps(item) + "\n" for item in [org(), org(id="last", title="Last")]).encode()
    job_page = moderator_client.post(url, {"file": SimpleUploadedFile("c.jsonl", content)}).url
    assert "Confirm the import" in moderator_client.get(job_page).content.decode()
    original = importer.assign_fields

    def refuse_the_last(page, item, anniversary=None):
        if item["id"] == "last":
            raise ValidationError({"founded_year": "refused at import"})
        original(page, item, anniversary)

    monkeypatch.setattr(importer, "assign_fields", refuse_the_last)
    before = counts()
    moderator_client.post(f"{job_page}confirm/")
    page = moderator_client.get(job_page)
    assert page.status_code == HTTPStatus.OK
    assert "line 2: founded: refused at import" in page.content.decode()
    assert counts() == before


def test_the_admin_refuses_what_the_model_refuses_before_confirming(moderator_client):
    content = (json.dumps(org(founded="0500")) + "\n").encode()
    response = moderator_client.post(reverse("interchange_import"), {"file": SimpleUploadedFile("c.jsonl", content)})
    page = moderator_client.get(response.url).content.decode()
    assert "line 1: founded: Enter a year between 800 and" in page
    assert "Confirm the import" not in page
    assert not OrganisationPage.objects.exists()
