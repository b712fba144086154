"""A translation line changes only its translation; the export writes what is live."""

import io
import json
import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from interchange.exporter import export_items
from interchange.importer import import_file
from organisations.models import OrganisationPage

pytestmark = pytest.mark.django_db


def write(tmp_path, items, name="content.jsonl"):
    path = tmp_path / name
    path.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items), encoding="utf-8")
    return path


SOURCE = {
    "id": "pushkin-fund",
    "type": "organisation",
    "locale": "en",
    "title": "International Pushkin Fund",
    "kind": "foundation",
    "founded": "1999",
    "city": "Brussels",
    "country": "BE",
    "summary": "Keeps the traditions.",
}
FRENCH = {"id": "pushkin-fund", "type": "organisation", "locale": "fr", "title": "Fonds Pouchkine", "city": "Bruxelles"}


def test_a_translation_line_alone_changes_only_that_translation(home_page, tmp_path):
    import_file(write(tmp_path, [SOURCE, FRENCH]))
    result = import_file(write(tmp_path, [{**FRENCH, "title": "Fonds international Pouchkine"}], "french.jsonl"))
    assert any("its source is on the site in 'en'" in note for note in result.notes)
    source = OrganisationPage.objects.get(locale__language_code="en")
    french = OrganisationPage.objects.get(locale__language_code="fr")
    assert french.title == "Fonds international Pouchkine"
    assert french.city == "Bruxelles"
    # The source's own fields stay the source's, in both pages.
    assert (source.title, source.kind, source.founded_year, str(source.country)) == (
        "International Pushkin Fund",
        "foundation",
        1999,
        "BE",
    )
    assert (french.kind, french.founded_year, str(french.country)) == ("foundation", 1999, "BE")
    assert french.translation_key == source.translation_key


def test_a_translation_line_may_not_change_the_sources_fields(home_page, tmp_path):
    from interchange.validation import validate_file

    import_file(write(tmp_path, [SOURCE]))
    report = validate_file(write(tmp_path, [{**FRENCH, "country": "FR"}], "french.jsonl"))
    assert report.messages == [
        "line 1: country: is not translatable and differs from the source (the site's 'en' page)"
    ]


def test_the_export_writes_what_is_live_not_a_draft(home_page, tmp_path):
    import_file(write(tmp_path, [SOURCE]))
    page = OrganisationPage.objects.get(locale__language_code="en")
    page.summary = "A scheduled text, not live yet."
    page.save_revision(approved_go_live_at=timezone.now() + timedelta(days=3))
    page.title = "A draft title"
    page.save_revision()
    (item,) = list(export_items())
    assert (item["title"], item["summary"]) == ("International Pushkin Fund", "Keeps the traditions.")


def test_drafts_and_expired_pages_only_when_asked_and_marked(home_page, tmp_path):
    draft = {"id": "draft", "type": "organisation", "locale": "en", "title": "Draft", "status": "draft"}
    import_file(write(tmp_path, [SOURCE, FRENCH, draft]))
    expired = OrganisationPage.objects.get(locale__language_code="en", external_id="pushkin-fund")
    OrganisationPage.objects.filter(pk=expired.pk).update(
        expire_at=datetime(2020, 1, 1, tzinfo=zoneinfo.ZoneInfo("UTC"))
    )
    assert list(export_items()) == []  # the expired source is not live, nor its translation with it
    out = io.StringIO()
    call_command("export_content", "--drafts", stdout=out, stderr=io.StringIO())
    items = {(item["id"], item["locale"]): item for item in map(json.loads, out.getvalue().splitlines())}
    assert items[("draft", "en")]["status"] == "draft"
    assert items[("pushkin-fund", "en")]["status"] == "draft"
    assert ("pushkin-fund", "fr") in items


def test_restricted_pages_are_exported_as_private_even_through_an_ancestor(home_page, tmp_path):
    minutes = {"id": "minutes", "type": "page", "locale": "en", "title": "Minutes", "status": "private"}
    child = {"id": "minutes-2018", "type": "page", "locale": "en", "title": "Minutes 2018", "parent": "minutes"}
    import_file(write(tmp_path, [minutes, child]))
    assert PageViewRestriction.objects.count() == 1
    items = {item["id"]: item for item in export_items()}
    assert items["minutes"]["status"] == "private"
    assert items["minutes-2018"]["status"] == "private"
