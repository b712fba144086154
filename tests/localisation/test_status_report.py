"""The translation status report: what is not translated, what is behind its source."""

import csv
import io
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource
from wagtail_localize.operations import translate_object

from localisation.report import translation_status
from tests import factories

REPORT_URL = "/admin/reports/translation-status/"


@pytest.fixture
def translator_client(client, db):
    user = factories.UserFactory(group="Translators")
    client.force_login(user)
    return client


def status_for(language_code):
    return next(s for s in translation_status() if s.locale.language_code == language_code)


def test_lists_pages_without_a_translation_per_locale(sections, organisation_section, federation, translate):
    translate(federation, "fr", {"title": "Conseil de coordination", "slug": "conseil"})
    other_sections = [sections["jubilees"].pk, sections["heritage"].pk, sections["events"].pk]
    dutch = status_for("nl")
    # In tree order; the organisations section itself is translated into Dutch.
    assert [page.pk for page, _url in dutch.untranslated] == [federation.pk, *other_sections]
    assert dutch.untranslated[0][1] == reverse("wagtail_localize:submit_page_translation", args=[federation.pk])
    # French: the federation is translated (its parent was copied for it).
    assert [page.pk for page, _url in status_for("fr").untranslated] == other_sections
    # English: everything exists in English.
    assert status_for("en").untranslated == []


def test_lists_translations_whose_source_changed_since_the_last_sync(
    federation, translate, django_capture_on_commit_callbacks
):
    dutch = translate(federation, "nl", {"title": "Coördinatieraad", "slug": "coordinatieraad"})
    assert status_for("nl").outdated == []

    with django_capture_on_commit_callbacks(execute=True):
        federation.save_revision().publish()

    source = TranslationSource.objects.get_for_instance(federation)
    outdated = status_for("nl").outdated
    assert [(s.pk, t.pk, url) for s, t, url in outdated] == [
        (federation.pk, dutch.pk, reverse("wagtail_localize:update_translations", args=[source.pk]))
    ]

    source.update_from_db()  # what "Sync translated pages" does first
    assert status_for("nl").outdated == []


def test_queries_are_bounded(organisation_section, translate):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            translation_status()
        return len(queries)

    few = count_queries()
    for number in range(5):
        page = factories.OrganisationPageFactory(parent=organisation_section["en"], title=f"Org {number}")
        translate(page, "nl", {"title": f"Organisatie {number}", "slug": f"organisatie-{number}"})
    assert count_queries() == few


def test_report_in_the_admin_links_to_translate_and_sync(translator_client, federation):
    response = translator_client.get(REPORT_URL, {"locale": "nl"})
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    submit_url = reverse("wagtail_localize:submit_page_translation", args=[federation.pk])
    # The Translate form opens with the report's language ticked.
    assert f'href="{submit_url}?select_locale=nl&amp;next=' in html
    assert "Coordination Council" in html


def test_report_is_in_the_reports_menu(admin_client, home_page):
    response = admin_client.get("/admin/")
    assert REPORT_URL in response.content.decode()


def test_report_is_refused_to_users_who_cannot_translate(client, home_page):
    user = factories.UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(REPORT_URL)
    # Wagtail's admin answers PermissionDenied with a redirect and a message.
    assert (response.status_code, response["Location"]) == (HTTPStatus.FOUND, "/admin/")
    assert REPORT_URL not in client.get("/admin/").content.decode()


def row_for(language_code, page):
    status = status_for(language_code)
    return next(row for row in status.pages if row.source.pk == page.pk)


def translate_every_segment(page, language_code):
    locale = Locale.objects.get(language_code=language_code)
    source = TranslationSource.objects.get_for_instance(page)
    StringTranslation.objects.bulk_create(
        (
            StringTranslation(
                translation_of_id=segment.string_id, context_id=segment.context_id, locale=locale, data="x"
            )
            for segment in StringSegment.objects.filter(source=source)
        ),
        ignore_conflicts=True,  # the segments already translated keep their text
    )


def test_a_submitted_page_with_nothing_translated_is_not_started(federation, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(federation, [Locale.objects.get(language_code="nl")])
    row = row_for("nl", federation)
    assert row.translated is not None
    assert (row.state, row.progress.translated) == ("not_started", 0)
    assert row.progress.total > 0
    assert federation.pk in [page.pk for page, _url in status_for("nl").untranslated]
    assert row.action_url == reverse("wagtailadmin_pages:edit", args=[row.translated.pk])


def test_progress_counts_translated_segments_until_done(federation, translate):
    translate(federation, "nl", {"title": "Coördinatieraad", "slug": "coordinatieraad"})
    row = row_for("nl", federation)
    assert row.state == "in_progress"
    assert 0 < row.progress.translated < row.progress.total
    translate_every_segment(federation, "nl")
    row = row_for("nl", federation)
    assert (row.state, row.progress.translated) == ("done", row.progress.total)
    assert federation.pk in [status.source.pk for status in status_for("nl").done]


def test_report_shows_n_of_m_segments(translator_client, federation, translate):
    translate(federation, "nl", {"title": "Coördinatieraad", "slug": "coordinatieraad"})
    progress = row_for("nl", federation).progress
    html = translator_client.get(REPORT_URL, {"locale": "nl"}).content.decode()
    assert f"In progress ({progress.translated} of {progress.total} segments)" in html


def test_csv_export(translator_client, federation, translate):
    translate(federation, "nl", {"title": "Coördinatieraad", "slug": "coordinatieraad"})
    response = translator_client.get(REPORT_URL, {"locale": "nl", "export": "csv"})
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:2] == ["Language", "Page ID"]
    federation_row = next(row for row in rows[1:] if row[1] == str(federation.pk))
    progress = row_for("nl", federation).progress
    assert federation_row[0] == "nl"
    assert federation_row[5:9] == ["in_progress", str(progress.translated), str(progress.total), "no"]
    assert {row[0] for row in rows[1:]} == {"nl"}


def test_csv_cells_never_start_a_formula(translator_client, organisation_section):
    factories.OrganisationPageFactory(parent=organisation_section["en"], title="=HYPERLINK(1)", slug="hyperlink")
    response = translator_client.get(REPORT_URL, {"locale": "nl", "export": "csv"})
    assert "'=HYPERLINK(1)" in response.content.decode()


def test_translate_form_opens_with_the_language_ticked(translator_client, federation):
    url = reverse("wagtail_localize:submit_page_translation", args=[federation.pk])
    html = translator_client.get(url, {"select_locale": "fr"}).content.decode()
    french = Locale.objects.get(language_code="fr").pk
    assert f'value="{french}"' in html
    checked = [chunk for chunk in html.split("<input") if f'value="{french}"' in chunk]
    assert "checked" in checked[0]
