"""Translators in the admin: wagtail-localize's views on Wagtail 8, and the Translators group's limits.

The Translators group (home/migrations/0003) holds page permissions on the
translated languages' home pages only: a translator submits pages for
translation, translates them in the translation editor and publishes the
translation, but can neither edit nor publish a source (English) page.
"""

import html
import json
import re
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation

from tests import factories


@pytest.fixture
def source_page(organisation_section):
    return factories.OrganisationPageFactory(
        parent=organisation_section["en"], title="Pushkin Fund", slug="pushkin-fund", summary="Poetry."
    )


@pytest.fixture
def translator_client(client, translator):
    client.force_login(translator)
    return client


def submit(client, page, *language_codes, include_subtree=False):
    data = {"locales": [Locale.objects.get(language_code=code).pk for code in language_codes]}
    if include_subtree:
        data["include_subtree"] = "on"
    return client.post(reverse("wagtail_localize:submit_page_translation", args=[page.pk]), data)


def dutch_translation_of(page):
    return Translation.objects.get(source__object_id=page.translation_key, target_locale__language_code="nl")


def editor_props(response):
    match = re.search(r'class="js-translation-editor" data-props="([^"]+)"', response.content.decode())
    assert match, "the translation editor's root element is missing"
    return json.loads(html.unescape(match.group(1)))


def test_translator_submits_a_page_for_translation(translator_client, source_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(translator_client, source_page, "nl")
    assert response.status_code == HTTPStatus.FOUND
    dutch = source_page.get_translation(Locale.objects.get(language_code="nl"))
    # wagtail-localize publishes a live source's translation at once, showing
    # the source's text until the strings are translated.
    assert (dutch.live, dutch.title) == (True, "Pushkin Fund")
    assert dutch_translation_of(source_page).enabled


def test_submitting_a_subtree_translates_the_descendants(translator_client, organisation_section, source_page):
    response = submit(translator_client, organisation_section["en"], "fr", include_subtree=True)
    assert response.status_code == HTTPStatus.FOUND
    french = Locale.objects.get(language_code="fr")
    assert source_page.get_translation_or_none(french) is not None


def test_translation_editor_renders_on_wagtail_8(translator_client, source_page):
    submit(translator_client, source_page, "nl")
    dutch = source_page.get_translation(Locale.objects.get(language_code="nl"))

    response = translator_client.get(reverse("wagtailadmin_pages:edit", args=[dutch.pk]))

    assert response.status_code == HTTPStatus.OK
    props = editor_props(response)
    assert props["object"]["title"] == "Pushkin Fund"
    assert {segment["source"] for segment in props["segments"] if segment["type"] == "string"} >= {
        "Pushkin Fund",
        "Poetry.",
    }
    assert props["perms"]["canPublish"] is True


def test_translator_translates_and_publishes_in_the_editor(
    translator_client, source_page, django_capture_on_commit_callbacks
):
    submit(translator_client, source_page, "nl")
    translation = dutch_translation_of(source_page)
    dutch = source_page.get_translation(translation.target_locale)
    props = editor_props(translator_client.get(reverse("wagtailadmin_pages:edit", args=[dutch.pk])))
    dutch_strings = {"Pushkin Fund": "Poesjkinfonds", "pushkin-fund": "poesjkinfonds", "Poetry.": "Poëzie."}
    for segment in props["segments"]:
        if segment["type"] == "string" and segment["source"] in dutch_strings:
            response = translator_client.put(
                segment["editUrl"],
                data=urlencode({"value": dutch_strings[segment["source"]]}),
                content_type="application/x-www-form-urlencoded",
            )
            # The slug already has a translation, made from the translated title (localisation/slugs.py).
            expected = HTTPStatus.OK if segment["source"] == "pushkin-fund" else HTTPStatus.CREATED
            assert response.status_code == expected, response.content
    assert translation.get_progress()[1] == 3

    with django_capture_on_commit_callbacks(execute=True):
        response = translator_client.post(reverse("wagtailadmin_pages:edit", args=[dutch.pk]), {"action": "publish"})
    assert response.status_code == HTTPStatus.FOUND
    dutch.refresh_from_db()
    assert (dutch.live, dutch.title, dutch.url) == (True, "Poesjkinfonds", "/nl/organisaties/poesjkinfonds/")


def test_po_download_and_upload_through_the_admin(translator_client, source_page):
    submit(translator_client, source_page, "nl")
    translation = dutch_translation_of(source_page)

    response = translator_client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "text/x-gettext-translation"
    po = response.content.decode()
    assert 'msgctxt "title"\nmsgid "Pushkin Fund"\nmsgstr ""' in po

    filled = po.replace('msgid "Pushkin Fund"\nmsgstr ""', 'msgid "Pushkin Fund"\nmsgstr "Poesjkinfonds"')
    edit_url = reverse("wagtailadmin_pages:edit", args=[source_page.get_translation(translation.target_locale).pk])
    response = translator_client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("nl.po", filled.encode()), "next": edit_url},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == edit_url
    title = StringTranslation.objects.get(
        locale=translation.target_locale, context__path="title", translation_of__data="Pushkin Fund"
    )
    assert title.data == "Poesjkinfonds"


def test_uploading_a_broken_po_file_is_refused_with_a_message(translator_client, source_page):
    submit(translator_client, source_page, "nl")
    translation = dutch_translation_of(source_page)
    response = translator_client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("nl.po", b"\xff\xfe not a po file")},
        follow=True,
    )
    assert "Please upload a valid PO file." in [str(m).strip() for m in response.context["messages"]]
    assert translation.get_progress()[1] == 0


def test_translator_cannot_change_or_publish_source_pages(translator_client, translator, source_page):
    revisions = source_page.revisions.count()
    permissions = source_page.permissions_for_user(translator)
    assert not permissions.can_edit()
    assert not permissions.can_publish()
    response = translator_client.get(reverse("wagtailadmin_pages:edit", args=[source_page.pk]))
    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)  # Wagtail redirects with a message
    response = translator_client.post(
        reverse("wagtailadmin_pages:edit", args=[source_page.pk]),
        {"title": "Hijacked", "slug": "pushkin-fund", "action-publish": "publish"},
    )
    source_page.refresh_from_db()
    assert source_page.title == "Pushkin Fund"
    assert source_page.revisions.count() == revisions


def test_translator_can_edit_and_publish_translations(translator, translated_home, organisation_section):
    permissions = organisation_section["nl"].permissions_for_user(translator)
    assert permissions.can_edit()
    assert permissions.can_publish()


def test_sync_from_source_through_the_admin(
    translator_client, source_page, translate, django_capture_on_commit_callbacks
):
    dutch = translate(source_page, "nl", {"title": "Poesjkinfonds", "slug": "poesjkinfonds"})
    source_page.founded_year = 1989
    source_page.summary = "Poetry and prose."
    with django_capture_on_commit_callbacks(execute=True):
        source_page.save_revision().publish()
    translation_source = dutch_translation_of(source_page).source

    with django_capture_on_commit_callbacks(execute=True):
        response = translator_client.post(
            reverse("wagtail_localize:update_translations", args=[translation_source.pk]),
            {"publish_translations": "on"},
        )

    assert response.status_code == HTTPStatus.FOUND
    dutch.refresh_from_db()
    assert (dutch.title, dutch.founded_year) == ("Poesjkinfonds", 1989)
    # The changed summary is now a string to translate, shown in English until then.
    assert dutch.summary == "Poetry and prose."
    assert "Poetry and prose." in [segment.string.data for segment in translation_source.stringsegment_set.all()]
