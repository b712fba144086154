"""Translator groups per language: their rights, read-only access to the sources, their mail setting."""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Locale

from accounts.models import TranslatorPreferences
from accounts.translator_groups import language_group_name, languages_of
from tests import factories


def page_permissions(group_name, page):
    return set(
        GroupPagePermission.objects.filter(group__name=group_name, page=page).values_list(
            "permission__codename", flat=True
        )
    )


@pytest.fixture
def french_home(home_page):
    return home_page.copy_for_translation(Locale.objects.get(language_code="fr"))


@pytest.fixture
def french_translator(db):
    return factories.UserFactory(username="camille", group=language_group_name("fr"))


def test_a_group_for_every_translated_language(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Translators (nl)", "Translators (fr)", "Translators (ru)"} <= names
    assert "Translators (en)" not in names
    codenames = set(Group.objects.get(name="Translators (fr)").permissions.values_list("codename", flat=True))
    assert codenames == {"access_admin", "submit_translation"}


def test_a_new_language_tree_opens_to_its_own_translators_only(french_home):
    assert page_permissions("Translators (fr)", french_home) == {"change_page", "publish_page"}
    assert page_permissions("Translators", french_home) == {"change_page", "publish_page"}
    assert page_permissions("Translators (nl)", french_home) == set()


def test_every_translator_group_may_view_the_source_tree_only(home_page):
    for name in ("Translators", "Translators (nl)", "Translators (fr)", "Translators (ru)"):
        assert page_permissions(name, home_page) == {"view_page"}


def test_languages_of_a_translator(db, french_translator):
    assert languages_of(french_translator) == ["fr"]
    assert languages_of(factories.UserFactory(group="Translators")) == ["nl", "fr", "ru"]
    assert languages_of(factories.UserFactory(group="Editors")) == []


def test_translators_find_source_pages_in_the_explorer_and_search_but_cannot_edit_them(
    client, home_page, french_home, french_translator
):
    source = factories.OrganisationIndexPageFactory(parent=home_page, title="Organisations")
    client.force_login(french_translator)
    listing = client.get(f"/admin/pages/{home_page.pk}/")
    assert listing.status_code == HTTPStatus.OK
    assert "Organisations" in listing.content.decode()
    search = client.get("/admin/pages/search/", {"q": "Organisations"})
    assert f"/admin/pages/{source.pk}/" in search.content.decode()
    edit = client.get(f"/admin/pages/{source.pk}/edit/")
    assert edit.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
    assert client.post(f"/admin/pages/{source.pk}/edit/", {"title": "Changed"}).status_code in (
        HTTPStatus.FOUND,
        HTTPStatus.FORBIDDEN,
    )
    source.refresh_from_db()
    assert source.title == "Organisations"
    # Their own language's tree stays theirs to edit.
    assert client.get(f"/admin/pages/{french_home.pk}/edit/").status_code == HTTPStatus.OK


def test_editors_explorer_is_unchanged(client, home_page):
    factories.OrganisationIndexPageFactory(parent=home_page, title="Organisations")
    client.force_login(factories.UserFactory(group="Editors"))
    assert "Organisations" in client.get(f"/admin/pages/{home_page.pk}/").content.decode()


def test_translators_turn_translation_mail_off_in_their_account_settings(client, french_translator):
    client.force_login(french_translator)
    page = client.get("/admin/account/").content.decode()
    assert "translator_notifications-translation_work_emails" in page
    assert not TranslatorPreferences.objects.exists()  # reading the settings writes nothing

    form = {
        "name_email-first_name": "Camille",
        "name_email-last_name": "Durand",
        "name_email-email": french_translator.email,
    }
    form.update({"locale-preferred_language": "en", "locale-current_time_zone": ""})
    form.update({"theme-theme": "system", "theme-density": "default", "theme-contrast": "system"})
    response = client.post("/admin/account/", form)
    assert response.status_code == HTTPStatus.FOUND
    assert TranslatorPreferences.objects.get(user=french_translator).translation_work_emails is False


def test_others_are_not_offered_translation_mail(client, db):
    client.force_login(factories.UserFactory(group="Editors"))
    assert "translator_notifications-" not in client.get("/admin/account/").content.decode()
