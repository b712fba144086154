"""The translation status report: what is not translated, what is behind its source."""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail_localize.models import TranslationSource

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
    assert f'href="{submit_url}?next=' in html
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
