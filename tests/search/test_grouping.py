"""One result per page: translations grouped on the search page, and in the
API when asked (``group=translation``); never a hidden translation offered."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page, Site

from search import service
from search.service import SearchError, SearchParams, parse_search_params
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def samovar(home_page, translate):
    """One page in English, Dutch and Russian; a second page in English only."""
    english = factories.StandardPageFactory(
        parent=home_page, title="Samovar evening", slug="samovar-evening", summary="Tea and music by the samovar."
    )
    dutch = translate(english, "nl", {"title": "Samovaravond", "slug": "samovaravond", "summary": "Samovar thee."})
    russian = translate(english, "ru", {"title": "Вечер у самовара", "slug": "samovar", "summary": "Samovar чай."})
    other = factories.StandardPageFactory(parent=home_page, title="Samovar museum", summary="Samovars.")
    return {"en": english, "nl": dutch, "ru": russian, "other": other}


def results(query, **params):
    site = Site.objects.get(is_default_site=True)
    return service.search(SearchParams(q=query, page_size=50, **params), site, log=False)


def test_the_api_stays_ungrouped_by_default(samovar):
    response = results("samovar")
    assert {hit.page.pk for hit in response.results} == {page.pk for page in samovar.values()}
    assert response.count == 4
    assert all("translations" not in hit.as_dict() for hit in response.results)


def test_grouped_each_page_once_in_the_visitors_language(samovar):
    response = results("samovar", group=True, language="nl")
    shown = [hit.page.pk for hit in response.results]
    assert sorted(shown) == sorted([samovar["nl"].pk, samovar["other"].pk])
    assert response.count == 2
    assert response.facets["type"] == {"page": 2}
    dutch = next(hit for hit in response.results if hit.page.pk == samovar["nl"].pk)
    assert [link["locale"] for link in dutch.translations] == ["en", "ru"]
    assert dutch.as_dict()["translations"][0]["url"].startswith("/en/")


def test_grouped_without_a_version_in_the_visitors_language_shows_the_source(samovar):
    response = results("samovar", group=True, language="fr")
    assert sorted(hit.page.pk for hit in response.results) == sorted([samovar["en"].pk, samovar["other"].pk])


def test_a_language_filter_shows_only_that_language(samovar):
    response = results("samovar", group=True, language="en", locale="ru")
    assert [hit.page.pk for hit in response.results] == [samovar["ru"].pk]
    assert response.results[0].translations == []


def test_a_hidden_translation_is_never_offered(samovar):
    samovar["ru"].unpublish()
    # Expired, not restricted: a view restriction would apply to every translation (localisation.restrictions).
    Page.objects.filter(pk=samovar["nl"].pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    response = results("samovar", group=True, language="nl")
    shown = {hit.page.pk for hit in response.results}
    assert samovar["nl"].pk not in shown and samovar["ru"].pk not in shown
    english = next(hit for hit in response.results if hit.page.pk == samovar["en"].pk)
    assert english.translations == []


def test_same_language_first_on_an_equal_match(home_page, translate):
    english = factories.StandardPageFactory(parent=home_page, title="Balalaika", slug="balalaika", summary="")
    gusli = factories.StandardPageFactory(parent=home_page, title="Gusli", slug="gusli", summary="")
    dutch = translate(gusli, "nl", {"title": "Balalaika", "slug": "balalaika", "summary": ""})
    assert [hit.page.pk for hit in results("balalaika").results] == [english.pk, dutch.pk]
    assert [hit.page.pk for hit in results("balalaika", group=True, language="nl").results] == [dutch.pk, english.pk]
    in_english = results("balalaika", group=True, language="en").results
    assert [hit.page.pk for hit in in_english] == [english.pk, gusli.pk]


def test_group_parameter_is_validated():
    from django.http import QueryDict

    assert parse_search_params(QueryDict("q=x&group=translation")).group is True
    assert parse_search_params(QueryDict("q=x")).group is False
    with pytest.raises(SearchError):
        parse_search_params(QueryDict("q=x&group=page"))


def test_api_groups_when_asked_and_says_no_to_other_groupings(client, samovar):
    grouped = client.get(
        "/api/search/", {"q": "samovar", "group": "translation", "locale": ""}, HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert grouped.status_code == 200
    body = grouped.json()
    assert body["count"] == 2
    assert samovar["ru"].title in [result["title"] for result in body["results"]]
    assert client.get("/api/search/", {"q": "samovar", "group": "x"}).status_code == 400
    plain = client.get("/api/search/", {"q": "samovar"}).json()
    assert plain["count"] == 4


def test_the_search_page_groups_with_links_to_other_languages(client, samovar):
    page = client.get("/nl/search/", {"q": "samovar"})
    html = page.content.decode()
    assert "Samovaravond" in html
    assert "Samovar evening" not in html
    assert 'hreflang="ru"' in html
