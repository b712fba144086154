"""Search promotions: per query and language, shown first, only when visible."""

import pytest
from django.utils import translation
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from localisation.translation import translate_page
from tests import factories
from tests.helpers import reindex

pytestmark = pytest.mark.django_db


def promote(query_string, page, order=0):
    return SearchPromotion.objects.create(query=Query.get(query_string), page=page, sort_order=order)


@pytest.fixture
def choir(search_pages, locales):
    """The choir page (which does not mention Pushkin) and its Dutch translation."""
    dutch = translate_page(search_pages["choir"], "nl", {"title": "Het koor"})
    reindex()
    return search_pages["choir"], dutch


def result_titles(client, **params):
    return [result["title"] for result in client.get("/api/search/", params).json()["results"]]


def test_a_promotion_comes_first_even_when_the_page_does_not_match(client, choir):
    english, _dutch = choir
    promote("pushkin", english)
    titles = result_titles(client, q="Pushkin", locale="en")
    assert titles[0] == "The choir"
    assert client.get("/api/search/", {"q": "Pushkin", "locale": "en"}).json()["count"] == 3


def test_the_query_is_matched_as_wagtail_normalises_it(client, choir):
    english, _dutch = choir
    promote("  PUSHKIN ", english)
    assert result_titles(client, q="pushkin  ", locale="en")[0] == "The choir"


def test_promotions_are_per_language(client, choir):
    english, dutch = choir
    promote("pushkin", english)
    promote("pushkin", dutch)
    assert result_titles(client, q="pushkin", locale="nl") == ["Het koor"]
    assert result_titles(client, q="pushkin", locale="en")[0] == "The choir"
    assert "Het koor" not in result_titles(client, q="pushkin", locale="en")


def test_a_search_in_every_language_shows_the_visitors_languages_promotions(client, choir):
    english, dutch = choir
    promote("pushkin", english)
    promote("pushkin", dutch)
    with translation.override("nl"):
        response = client.get("/nl/search/", {"q": "pushkin"})
    titles = [hit.title for hit in response.context["response"].results]
    assert titles[0] == "Het koor" and "The choir" not in titles
    api_titles = [
        result["title"]
        for result in client.get("/api/search/", {"q": "pushkin"}, HTTP_ACCEPT_LANGUAGE="en").json()["results"]
    ]
    assert api_titles[0] == "The choir" and "Het koor" not in api_titles


def test_a_promoted_page_the_visitor_may_not_see_is_not_shown(client, choir, search_pages):
    draft = factories.StandardPageFactory(parent=search_pages["choir"].get_parent(), title="Draft", live=False)
    promote("pushkin", draft)
    restricted = factories.StandardPageFactory(parent=search_pages["choir"].get_parent(), title="Members")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    promote("pushkin", restricted, order=1)
    titles = result_titles(client, q="pushkin", locale="en")
    assert "Draft" not in titles and "Members" not in titles


def test_the_type_filter_applies_to_promotions(client, choir):
    english, _dutch = choir
    promote("pushkin", english)
    assert "The choir" not in result_titles(client, q="pushkin", locale="en", type="event")
