"""Search in the Wagtail admin: popular searches, synonyms, promotions and page search."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query

from search.models import SynonymGroup
from tests import factories


def log(query_string, times, days_ago=0):
    query = Query.get(query_string)
    for _ in range(times):
        query.add_hit(date=timezone.localdate() - datetime.timedelta(days=days_ago))


@pytest.mark.django_db
class TestPopularSearchesPanel:
    @pytest.mark.parametrize("group", ["Editors", "Moderators", "Translators"])
    def test_editorial_groups_see_the_logged_queries_on_the_dashboard(self, client, group):
        log("poesjkin", 5)
        log("jubileum", 3)
        client.force_login(factories.UserFactory(group=group))
        response = client.get(reverse("wagtailadmin_home"))
        assert response.status_code == HTTPStatus.OK
        panel = response.content.decode().split('id="popular-searches-content"')[1]
        assert "Popular searches (last 30 days)" in response.content.decode()
        assert panel.index("poesjkin") < panel.index("jubileum"), "most searched first"
        assert ">5<" in panel and ">3<" in panel

    def test_only_the_last_30_days_count(self, client, superuser):
        log("old news", 9, days_ago=45)
        log("old news", 2, days_ago=1)
        log("forgotten", 4, days_ago=31)
        client.force_login(superuser)
        panel = client.get(reverse("wagtailadmin_home")).content.decode().split('id="popular-searches-content"')[1]
        assert "old news" in panel and ">2<" in panel and ">11<" not in panel
        assert "forgotten" not in panel

    def test_a_query_typed_once_is_not_shown(self, client, superuser):
        log("jan.jansen@example.org", 1)
        client.force_login(superuser)
        response = client.get(reverse("wagtailadmin_home"))
        assert "jan.jansen@example.org" not in response.content.decode()
        assert "No search has been made more than once yet." in response.content.decode()

    def test_query_text_is_escaped(self, client, superuser):
        log("<script>alert(1)</script>", 2)
        client.force_login(superuser)
        content = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
        assert "<script>alert(1)</script>" not in content


@pytest.mark.django_db
class TestSynonymsInTheAdmin:
    def listing_url(self):
        return reverse("wagtailsnippets_search_synonymgroup:list")

    @pytest.mark.parametrize("group", ["Editors", "Moderators"])
    def test_editors_add_a_synonym_group(self, client, group):
        client.force_login(factories.UserFactory(group=group))
        response = client.post(
            reverse("wagtailsnippets_search_synonymgroup:add"),
            {"variants": "Tsjaikovski, Tchaikovsky, Чайковский", "language": ""},
        )
        assert response.status_code == HTTPStatus.FOUND
        assert SynonymGroup.objects.get().variant_list() == ["Tsjaikovski", "Tchaikovsky", "Чайковский"]
        listing = client.get(self.listing_url())
        assert "Tsjaikovski, Tchaikovsky, Чайковский" in listing.content.decode()

    def test_one_variant_is_refused_with_a_message(self, client, superuser):
        client.force_login(superuser)
        response = client.post(
            reverse("wagtailsnippets_search_synonymgroup:add"), {"variants": "Leningrad", "language": ""}
        )
        assert response.status_code == HTTPStatus.OK
        assert "Give at least two variants" in response.content.decode()
        assert not SynonymGroup.objects.exists()

    def test_translators_cannot_edit_synonyms(self, client):
        client.force_login(factories.UserFactory(group="Translators"))
        response = client.get(reverse("wagtailsnippets_search_synonymgroup:add"))
        assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
        assert not SynonymGroup.objects.exists()

    def test_in_the_settings_menu(self, client, superuser):
        client.force_login(superuser)
        content = client.get(reverse("wagtailadmin_home")).content.decode()
        assert self.listing_url() in content


@pytest.mark.django_db
class TestSearchPromotionsInTheAdmin:
    def test_promoted_results_menu_item_and_editor(self, client, superuser):
        client.force_login(superuser)
        content = client.get(reverse("wagtailadmin_home")).content.decode()
        assert reverse("wagtailsearchpromotions:index") in content
        assert client.get(reverse("wagtailsearchpromotions:add")).status_code == HTTPStatus.OK


@pytest.mark.django_db
class TestAdminPageSearch:
    """The admin's page search goes through the analysing search backend."""

    @pytest.mark.parametrize("query", ["poesjkin", "Pouchkine", "Пушкин", "PUSHKIN"])
    def test_spellings_of_a_name_find_the_page(self, client, superuser, home_page, query):
        page = factories.StandardPageFactory(parent=home_page, title="Pushkin Foundation")
        other = factories.StandardPageFactory(parent=home_page, title="Jubilee concert")
        client.force_login(superuser)
        response = client.get(reverse("wagtailadmin_pages:search"), {"q": query})
        assert response.status_code == HTTPStatus.OK
        found = [result.pk for result in response.context["pages"]]
        assert page.pk in found
        assert other.pk not in found

    def test_word_forms(self, client, superuser, home_page):
        page = factories.StandardPageFactory(parent=home_page, title="Associations of compatriots")
        client.force_login(superuser)
        response = client.get(reverse("wagtailadmin_pages:search"), {"q": "association"})
        assert page.pk in [result.pk for result in response.context["pages"]]

    @pytest.mark.parametrize("query", ['"unbalanced', "a\x00b", "NOT", "*"])
    def test_odd_queries_answer(self, client, superuser, query):
        client.force_login(superuser)
        response = client.get(reverse("wagtailadmin_pages:search"), {"q": query})
        assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR

    def test_drafts_are_found_by_editors(self, client, superuser, home_page):
        page = factories.StandardPageFactory(parent=home_page, title="Samovar evening", live=False)
        client.force_login(superuser)
        response = client.get(reverse("wagtailadmin_pages:search"), {"q": "samovar"})
        assert page.pk in [result.pk for result in response.context["pages"]]

    def test_the_page_chooser_finds_a_spelling(self, client, superuser, home_page):
        page = factories.StandardPageFactory(parent=home_page, title="Pushkin Foundation")
        client.force_login(superuser)
        response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Poesjkin"})
        assert response.status_code == HTTPStatus.OK
        assert "Pushkin Foundation" in response.content.decode()
        assert page.pk in [result.pk for result in response.context["pages"]]
