"""Nothing a visitor may not see is ever found: results, counts, facets, snippets, suggestions."""

import pytest
from wagtail.models import Page, PageViewRestriction, Site

from tests import factories
from tests.helpers import reindex

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden(home_page, sections):
    public = factories.StandardPageFactory(parent=home_page, title="Pushkin public", summary="Pushkin open")
    draft = factories.StandardPageFactory(parent=home_page, title="Pushkin draft", summary="Pushkin secret draft")
    draft.unpublish()
    login = factories.StandardPageFactory(parent=home_page, title="Pushkin login", summary="Pushkin secret login")
    PageViewRestriction.objects.create(page=login, restriction_type=PageViewRestriction.LOGIN)
    password = factories.StandardPageFactory(parent=home_page, title="Pushkin password", summary="x")
    PageViewRestriction.objects.create(page=password, restriction_type=PageViewRestriction.PASSWORD, password="p")
    group_parent = factories.StandardPageFactory(parent=home_page, title="Group section", summary="x")
    PageViewRestriction.objects.create(page=group_parent, restriction_type=PageViewRestriction.GROUPS)
    factories.StandardPageFactory(parent=group_parent, title="Pushkin under group", summary="Pushkin secret group")
    other_root = factories.HomePageFactory(parent=Page.get_first_root_node(), title="Other site")
    Site.objects.create(hostname="other.example", root_page=other_root)
    factories.StandardPageFactory(parent=other_root, title="Pushkin other site", summary="Pushkin secret other")
    reindex()
    return public


def test_only_public_live_pages_of_this_site(client, hidden):
    body = client.get("/api/search/", {"q": "pushkin secret"}).json()
    assert [result["title"] for result in body["results"]] == ["Pushkin public"]
    assert body["count"] == 1
    assert body["facets"] == {"type": {"page": 1}, "locale": {"en": 1}}
    assert "secret" not in str(body["results"])


def test_suggestions_are_private_free(client, hidden):
    body = client.get("/api/search/suggest/", {"q": "Pushk"}).json()
    assert [suggestion["title"] for suggestion in body["suggestions"]] == ["Pushkin public"]


def test_search_page_is_private_free(client, hidden):
    content = client.get("/en/search/", {"q": "pushkin"}).content.decode()
    assert "Pushkin public" in content
    assert "secret" not in content and "Pushkin draft" not in content
