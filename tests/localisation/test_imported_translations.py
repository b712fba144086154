"""Imported translations are wagtail-localize translations like any other.

The importer writes new pages and their translation records in batches, not
through wagtail-localize's one-page calls; these tests hold it to what those
calls would have written: the editor shows the imported strings, a translator
edits and publishes, a sync from the source keeps the translated strings, the
status report sees the pages, and wagtail-localize's own extraction finds the
segments the import wrote.
"""

import html
import json
import re
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from interchange.importer import import_file
from localisation.report import translation_status
from organisations.models import OrganisationPage
from tests import factories

pytestmark = pytest.mark.django_db

ITEMS = [
    {
        "id": "pushkin-fund",
        "type": "organisation",
        "locale": "en",
        "title": "Pushkin Fund",
        "kind": "foundation",
        "founded": "1999",
        "city": "Brussels",
        "country": "BE",
        "summary": "Keeps the traditions.",
        "body": ["Poetry evenings.", "A library."],
        "tags": ["poetry"],
    },
    {
        "id": "pushkin-fund",
        "type": "organisation",
        "locale": "nl",
        "title": "Poesjkinfonds",
        "city": "Brussel",
        "summary": "Houdt de tradities in ere.",
        "body": ["Poëzieavonden.", "Een bibliotheek."],
        "tags": ["poëzie"],
    },
    {
        "id": "choir-jubilee",
        "type": "jubilee",
        "locale": "en",
        "title": "Jubilee of the choir",
        "organisation": "pushkin-fund",
        "date": "2024-05-01",
    },
    {"id": "choir-jubilee", "type": "jubilee", "locale": "nl", "title": "Jubileum van het koor"},
]


@pytest.fixture
def imported(home_page, tmp_path):
    path = tmp_path / "content.jsonl"
    path.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in ITEMS), encoding="utf-8")
    import_file(path)
    source = OrganisationPage.objects.get(external_id="pushkin-fund", locale__language_code="en")
    dutch = source.get_translation(Locale.objects.get(language_code="nl")).specific
    return source, dutch


@pytest.fixture
def translator_client(client, db):
    user = factories.UserFactory(username="translator", group="Translators")
    client.force_login(user)
    return client


def editor_props(response):
    match = re.search(r'class="js-translation-editor" data-props="([^"]+)"', response.content.decode())
    assert match, "the translation editor's root element is missing"
    return json.loads(html.unescape(match.group(1)))


def segment_records(source):
    return sorted(
        (segment.context.path, segment.context.field_path, segment.string.data, segment.order)
        for segment in StringSegment.objects.filter(source=source).select_related("context", "string")
    )


def test_the_imported_translation_is_live_with_its_texts_and_tags(imported):
    source, dutch = imported
    assert (dutch.live, dutch.title, dutch.city, dutch.summary) == (
        True,
        "Poesjkinfonds",
        "Brussel",
        "Houdt de tradities in ere.",
    )
    assert [block.value.source for block in dutch.body] == ["<p>Poëzieavonden.</p>", "<p>Een bibliotheek.</p>"]
    assert [tag.name for tag in dutch.tags.all()] == ["poëzie"]
    assert (dutch.translation_key, dutch.founded_year, dutch.kind) == (source.translation_key, 1999, "foundation")
    assert dutch.url == f"/nl/{dutch.get_parent().slug}/poesjkinfonds/"
    # Body blocks keep the source's ids: that is how wagtail-localize pairs them.
    assert [block.id for block in dutch.body] == [block.id for block in source.body]
    assert dutch.live_revision_id == dutch.latest_revision_id
    assert dutch.get_latest_revision_as_object().title == "Poesjkinfonds"


def test_the_segments_are_those_wagtail_localize_extracts(imported):
    source, _dutch = imported
    translation_source = TranslationSource.objects.get_for_instance(source)
    written = segment_records(translation_source)
    assert ("title", "title", "Pushkin Fund", 1) in written

    translation_source.refresh_segments()  # wagtail-localize's own extraction, from the stored content

    assert segment_records(translation_source) == written


def test_the_editor_shows_the_imported_strings(translator_client, imported):
    _source, dutch = imported
    response = translator_client.get(reverse("wagtailadmin_pages:edit", args=[dutch.pk]))

    assert response.status_code == HTTPStatus.OK
    props = editor_props(response)
    sources = {segment["source"] for segment in props["segments"] if segment["type"] == "string"}
    assert {"Pushkin Fund", "Brussels", "Keeps the traditions.", "Poetry evenings."} <= sources
    translated = {translation["data"] for translation in props["initialStringTranslations"]}
    assert {"Poesjkinfonds", "Brussel", "Houdt de tradities in ere.", "Poëzieavonden."} <= translated


def test_a_translator_edits_and_publishes_an_imported_translation(
    translator_client, imported, django_capture_on_commit_callbacks
):
    _source, dutch = imported
    props = editor_props(translator_client.get(reverse("wagtailadmin_pages:edit", args=[dutch.pk])))
    title = next(s for s in props["segments"] if s["type"] == "string" and s["source"] == "Pushkin Fund")
    response = translator_client.put(
        title["editUrl"], data=urlencode({"value": "Poesjkin-Fonds"}), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == HTTPStatus.OK, response.content  # the import made the string translation: updated

    with django_capture_on_commit_callbacks(execute=True):
        response = translator_client.post(reverse("wagtailadmin_pages:edit", args=[dutch.pk]), {"action": "publish"})

    assert response.status_code == HTTPStatus.FOUND
    dutch.refresh_from_db()
    assert (dutch.live, dutch.title, dutch.city, dutch.summary) == (
        True,
        "Poesjkin-Fonds",
        "Brussel",
        "Houdt de tradities in ere.",
    )


def test_a_sync_from_the_source_keeps_the_imported_strings(imported, django_capture_on_commit_callbacks):
    source, dutch = imported
    source.summary = "Keeps the traditions alive."
    source.founded_year = 1998
    with django_capture_on_commit_callbacks(execute=True):
        source.save_revision().publish()
    translation_source = TranslationSource.objects.get_for_instance(source)
    dutch_status = next(status for status in translation_status() if status.locale.language_code == "nl")
    assert [(s.pk, t.pk) for s, t, _url in dutch_status.outdated] == [(source.pk, dutch.pk)]

    translation_source.update_from_db()  # "Sync translated pages"
    translation = Translation.objects.get(source=translation_source, target_locale__language_code="nl")
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)

    dutch.refresh_from_db()
    # Translated strings stay; the changed summary falls back to the source until translated; synced fields follow.
    assert (dutch.title, dutch.city, dutch.founded_year) == ("Poesjkinfonds", "Brussel", 1998)
    assert dutch.summary == "Keeps the traditions alive."
    dutch_status = next(status for status in translation_status() if status.locale.language_code == "nl")
    assert dutch_status.outdated == []


def test_the_status_report_counts_imported_pages_as_translated(imported):
    source, _dutch = imported
    dutch_status = next(status for status in translation_status() if status.locale.language_code == "nl")
    assert source.pk not in {page.pk for page, _url in dutch_status.untranslated}
    french_status = next(status for status in translation_status() if status.locale.language_code == "fr")
    assert source.pk in {page.pk for page, _url in french_status.untranslated}


def test_translation_records_match_the_line(imported):
    source, _dutch = imported
    translation = Translation.objects.get(source__object_id=source.translation_key, target_locale__language_code="nl")
    assert translation.enabled
    total, done = translation.get_progress()
    # Title, slug, city, summary and both paragraphs are translated; the source's tag is not a line's string.
    assert done == 6 and total == 7
    title = StringTranslation.objects.get(
        locale=translation.target_locale, context__path="title", context__object_id=source.translation_key
    )
    assert (title.data, title.translation_type, title.tool_name) == ("Poesjkinfonds", "manual", "compatriots")
