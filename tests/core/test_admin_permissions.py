"""Each editorial group sees in the admin only the buttons and links it may use.

The groups come from migration home/0003: Editors add and change pages,
Moderators also publish, Translators change and publish translations only
(nothing on the English source pages, no new pages).
"""

import datetime
from http import HTTPStatus

import pytest
from django.utils import timezone

from jubilees.models import JubileePage
from localisation.translation import translate_page
from tests import factories

CREATE_JUBILEE = "Create the jubilee page"
OPEN_JUBILEE = "Open the jubilee page"


def logged_in(client, group_name):
    client.force_login(factories.UserFactory(group=group_name))
    return client


@pytest.fixture
def coming_jubilees(sections):
    """Two organisations with a round anniversary coming: one already has its jubilee page."""
    next_year = timezone.localdate().year + 1
    union = factories.OrganisationPageFactory(
        parent=sections["organisations"], title="Union", founded_year=next_year - 50
    )
    choir = factories.OrganisationPageFactory(
        parent=sections["organisations"], title="Choir", founded_year=next_year - 25
    )
    jubilee = factories.JubileePageFactory(
        parent=sections["jubilees"], organisation=choir, anniversary=25, date=datetime.date(next_year, 6, 1)
    )
    return {"union": union, "choir": choir, "jubilee": jubilee}


def dashboard(client):
    response = client.get("/admin/")
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


@pytest.mark.parametrize("group_name", ["Editors", "Moderators"])
def test_writers_see_the_jubilee_buttons_and_can_use_them(client, coming_jubilees, group_name):
    client = logged_in(client, group_name)
    union, jubilee = coming_jubilees["union"], coming_jubilees["jubilee"]

    content = dashboard(client)

    assert CREATE_JUBILEE in content
    assert f'href="/admin/pages/{jubilee.pk}/edit/"' in content
    assert f'href="/admin/pages/{union.pk}/edit/"' in content
    response = client.post(f"/admin/jubilees/plan/{union.pk}/50/")
    assert response.status_code == HTTPStatus.FOUND


def test_translators_see_the_coming_jubilees_without_buttons_they_cannot_use(client, coming_jubilees):
    client = logged_in(client, "Translators")
    union, jubilee = coming_jubilees["union"], coming_jubilees["jubilee"]

    content = dashboard(client)

    assert "Upcoming jubilees" in content
    assert "Union" in content
    assert CREATE_JUBILEE not in content
    assert OPEN_JUBILEE not in content
    assert f'href="/admin/pages/{jubilee.pk}/edit/"' not in content
    assert f'href="/admin/pages/{union.pk}/edit/"' not in content
    # The view refuses them too (Wagtail's admin answers a refusal with the dashboard and a message).
    response = client.post(f"/admin/jubilees/plan/{union.pk}/50/", follow=True)
    assert "Sorry, you do not have permission" in response.content.decode()
    assert not JubileePage.objects.filter(organisation=union).exists()


@pytest.fixture
def translation_work(home_page, locales):
    """An English page not translated yet, and one whose Dutch translation is behind its source."""
    factories.StandardPageFactory(parent=home_page, title="Untranslated news")
    about = factories.StandardPageFactory(parent=home_page, title="About us")
    dutch = translate_page(about, "nl", {"title": "Over ons", "slug": "over-ons"})
    about.title = "About the network"
    about.save_revision().publish()
    return {"about": about, "dutch": dutch.get_translation(locales["nl"])}


def translation_report(client):
    response = client.get("/admin/reports/translation-status/?locale=nl")
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_translators_report_links_only_to_the_pages_they_may_edit(client, translation_work):
    client = logged_in(client, "Translators")
    about, dutch = translation_work["about"], translation_work["dutch"]

    content = translation_report(client)

    assert "Untranslated news" in content
    assert "Translate" in content and "Sync" in content  # wagtail-localize lets every group submit translations
    assert f'href="/admin/pages/{dutch.pk}/edit/"' in content
    assert f'href="/admin/pages/{about.pk}/edit/"' not in content


@pytest.mark.parametrize("group_name", ["Editors", "Moderators"])
def test_writers_report_links_to_the_source_pages(client, translation_work, group_name):
    client = logged_in(client, group_name)

    content = translation_report(client)

    assert f'href="/admin/pages/{translation_work["about"].pk}/edit/"' in content


@pytest.mark.parametrize(("group_name", "shown"), [("Editors", False), ("Moderators", True), ("Translators", False)])
def test_the_import_menu_item_is_shown_to_moderators_only(client, db, group_name, shown):
    client = logged_in(client, group_name)

    content = dashboard(client)

    assert ("Import content" in content) is shown
    assert (client.get("/admin/content-import/").status_code == HTTPStatus.OK) is shown


@pytest.mark.parametrize("group_name", ["Editors", "Moderators", "Translators"])
def test_the_promotion_link_is_shown_only_to_those_who_may_promote(client, db, group_name):
    client = logged_in(client, group_name)
    user = client.get("/admin/").wsgi_request.user
    may_promote = user.has_perm("wagtailsearchpromotions.add_searchpromotion")

    content = dashboard(client)

    assert ("Promote results for a search" in content) is may_promote
    if not may_promote:
        assert client.get("/admin/searchpicks/").status_code != HTTPStatus.OK
