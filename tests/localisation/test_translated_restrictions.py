"""A view restriction applies to every translation of its page (localisation.restrictions).

Restricting, changing or lifting the English page's restriction does the same
to its Dutch, French and Russian translations, each holding a copy that
Wagtail serves (login redirect, password form) and the visibility rule reads
(listings, sitemap, search); a translation made later, or written by the bulk
import, takes it too, and a restricted section hides its translations' children.
"""

import importlib
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from core.visibility import visible_pages
from localisation.restrictions import restrict_new_translations
from tests import factories
from tests.helpers import reindex
from tests.helpers.hidden_pages import restrict

pytestmark = pytest.mark.django_db

TITLES = {"en": "Qzrtmembers", "nl": "Qzrtleden", "fr": "Qzrtmembres", "ru": "Qzrtchleny"}


@pytest.fixture
def members_page(translated_home, translate):
    """A page in all four languages, each titled by a word no other text holds."""
    page = factories.StandardPageFactory(
        parent=translated_home["en"], title=TITLES["en"], slug="members", show_in_menus=True
    )
    pages = {"en": page}
    for language in ("nl", "fr", "ru"):
        pages[language] = translate(page, language, {"title": TITLES[language], "slug": TITLES[language].lower()})
    return pages


def restrictions(page):
    return [
        (restriction.restriction_type, restriction.password, {group.name for group in restriction.groups.all()})
        for restriction in PageViewRestriction.objects.filter(page=page).order_by("pk")
    ]


def visible_titles(pages):
    return set(visible_pages(Page.objects.filter(pk__in=[page.pk for page in pages])).values_list("title", flat=True))


def sitemap_text(client):
    return client.get("/sitemap.xml").content.decode() + client.get("/sitemap-pages.xml").content.decode()


def search_count(client, word):
    return client.get(f"/api/search/?q={word}").json()["count"]


def test_a_login_restriction_restricts_every_translation(client, members_page):
    reindex()
    assert search_count(client, "qzrtchleny") == 1
    restrict(members_page["en"], "login")
    for language, page in members_page.items():
        assert restrictions(page) == [(PageViewRestriction.LOGIN, "", set())], language
        response = client.get(page.url)
        assert response.status_code == HTTPStatus.FOUND, language
        assert response["Location"].startswith("/admin/login/"), language
    assert visible_titles(members_page.values()) == set()
    sitemap = sitemap_text(client).lower()
    listing = client.get(members_page["ru"].get_parent().url).content.decode().lower()
    for title in TITLES.values():
        assert title.lower() not in sitemap
        assert title.lower() not in listing
        assert search_count(client, title.lower()) == 0


def test_a_password_restriction_asks_the_password_in_every_language_and_its_change_follows(client, members_page):
    restriction = restrict(members_page["en"], "password")
    response = client.get(members_page["ru"].url)
    assert response.status_code == HTTPStatus.OK
    assert 'type="password"' in response.content.decode()
    restriction.password = "another"
    restriction.save()
    for page in members_page.values():
        assert restrictions(page) == [(PageViewRestriction.PASSWORD, "another", set())]


def test_lifting_the_restriction_lifts_it_everywhere(client, members_page):
    restrict(members_page["en"], "login").delete()
    assert PageViewRestriction.objects.count() == 0
    assert visible_titles(members_page.values()) == set(TITLES.values())
    assert client.get(members_page["ru"].url).status_code == HTTPStatus.OK
    assert "qzrtchleny" in sitemap_text(client).lower()


def test_a_restriction_set_on_a_translation_applies_to_its_source_too(members_page):
    restrict(members_page["ru"], "login")
    assert PageViewRestriction.objects.count() == 4
    assert visible_titles(members_page.values()) == set()


def test_the_groups_follow(members_page):
    restriction = restrict(members_page["en"], "groups")
    editors = Group.objects.get(name="Editors")
    assert restrictions(members_page["fr"]) == [(PageViewRestriction.GROUPS, "", {"Moderators"})]
    restriction.groups.add(editors)
    assert restrictions(members_page["fr"]) == [(PageViewRestriction.GROUPS, "", {"Moderators", "Editors"})]
    restriction.groups.remove(Group.objects.get(name="Moderators"))
    assert restrictions(members_page["ru"]) == [(PageViewRestriction.GROUPS, "", {"Editors"})]
    editors.pageviewrestriction_set.remove(restriction)
    assert restrictions(members_page["nl"]) == [(PageViewRestriction.GROUPS, "", set())]


def test_the_admins_privacy_setting_applies_to_every_translation(client, superuser, members_page):
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:set_privacy", args=[members_page["en"].pk])
    moderators = Group.objects.get(name="Moderators")
    response = client.post(url, {"restriction_type": "groups", "groups": [moderators.pk]})
    assert response.status_code == HTTPStatus.OK
    for page in members_page.values():
        assert restrictions(page) == [(PageViewRestriction.GROUPS, "", {"Moderators"})]
    client.post(reverse("wagtailadmin_pages:set_privacy", args=[members_page["ru"].pk]), {"restriction_type": "none"})
    assert PageViewRestriction.objects.count() == 0


def test_saving_again_writes_no_second_copy(members_page):
    restriction = restrict(members_page["en"], "login")
    restriction.save()
    PageViewRestriction.objects.filter(page=members_page["ru"]).get().save()
    assert PageViewRestriction.objects.count() == 4


def test_a_translation_made_after_the_restriction_gets_it(client, translated_home, translate):
    page = factories.StandardPageFactory(parent=translated_home["en"], title="Qzrtlater", slug="qzrtlater")
    restrict(page, "password")
    russian = translate(page, "ru", {"title": "Qzrtpozzhe", "slug": "qzrtpozzhe"})
    assert restrictions(russian) == [(PageViewRestriction.PASSWORD, "secret", set())]
    assert 'type="password"' in client.get(russian.url).content.decode()


def test_translations_written_without_signals_get_their_pages_restrictions(translated_home, translate):
    page = factories.StandardPageFactory(parent=translated_home["en"], title="Qzrtbulk", slug="qzrtbulk")
    dutch = translate(page, "nl", {"title": "Qzrtbulknl", "slug": "qzrtbulknl"})
    PageViewRestriction.objects.filter(page=dutch).delete()
    PageViewRestriction.objects.bulk_create([PageViewRestriction(page=page, restriction_type="password", password="x")])
    restrict_new_translations([dutch])
    restrict_new_translations([dutch])
    assert restrictions(dutch) == [(PageViewRestriction.PASSWORD, "x", set())]


def test_a_restricted_section_hides_its_translations_children(client, translated_home, sections, translate):
    section = sections["organisations"]
    child = factories.StandardPageFactory(parent=section, title="Qzrtchild", slug="qzrtchild")
    translate(section, "ru", {"title": "Qzrtrazdel", "slug": "qzrtrazdel"})
    russian_child = translate(child, "ru", {"title": "Qzrtrebenok", "slug": "qzrtrebenok"})
    restrict(section, "login")
    assert visible_titles([child, russian_child]) == set()
    assert client.get(russian_child.url).status_code == HTTPStatus.FOUND
    assert "qzrtrebenok" not in sitemap_text(client).lower()


def test_deleting_a_page_leaves_its_translations_restricted(members_page):
    restrict(members_page["en"], "login")
    members_page["nl"].delete()
    assert restrictions(members_page["ru"]) == [(PageViewRestriction.LOGIN, "", set())]


def test_the_migration_restricts_the_translations_of_restricted_pages(members_page):
    # Written without signals, as restrictions set before the rule are.
    groups_only, _password = PageViewRestriction.objects.bulk_create(
        [
            PageViewRestriction(page=members_page["nl"], restriction_type="groups"),
            PageViewRestriction(page=members_page["fr"], restriction_type="password", password="old"),
        ]
    )
    PageViewRestriction.groups.through.objects.create(
        pageviewrestriction_id=groups_only.pk, group=Group.objects.get(name="Moderators")
    )
    name = "0001_restrictions_on_translations"
    # The migration's own models: they send no signal, as in a real migrate.
    state = MigrationExecutor(connection).loader.project_state(("localisation", name))
    importlib.import_module(f"localisation.migrations.{name}").restrict_translations(state.apps, None)
    assert restrictions(members_page["fr"]) == [(PageViewRestriction.PASSWORD, "old", set())]
    assert restrictions(members_page["en"]) == [(PageViewRestriction.GROUPS, "", {"Moderators"})]
    assert restrictions(members_page["ru"]) == [(PageViewRestriction.GROUPS, "", {"Moderators"})]
