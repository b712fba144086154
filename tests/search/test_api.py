"""The JSON search API, against docs/search-api.md, including every bad input."""

from http import HTTPStatus

import pytest

from tests.helpers import reindex

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(search_pages):
    reindex()
    return search_pages


def test_search_answers_the_documented_shape(client, indexed):
    response = client.get("/api/search/", {"q": "Poesjkin"})
    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert set(body) == {"query", "count", "page", "page_size", "results", "facets", "did_you_mean"}
    assert body["did_you_mean"] is None
    assert body["count"] == 2
    assert body["facets"] == {"type": {"organisation": 1, "event": 1}, "locale": {"en": 2}}
    first = next(result for result in body["results"] if result["id"] == "pushkin-fund")
    assert first["url"] == "/en/organisations/international-pushkin-fund/"
    assert first["locale"] == "en" and first["type"] == "organisation"


def test_words_are_or_ed_and_stemmed(client, indexed):
    body = client.get("/api/search/", {"q": "celebrated archive", "locale": "en"}).json()
    assert body["count"] == 2


def test_accents_fold_and_snippets_escape(client, indexed):
    body = client.get("/api/search/", {"q": "cooperation liege"}).json()
    assert body["count"] == 1
    snippet = body["results"][0]["snippet"]
    assert "<mark>coopération</mark>" in snippet and "<mark>Liège</mark>" in snippet


def test_snippet_escapes_html(client, sections):
    from tests import factories

    factories.StandardPageFactory(parent=sections["events"].get_parent(), title="X", summary="<b>Pushkin</b> & co")
    reindex()
    snippet = client.get("/api/search/", {"q": "pushkin"}).json()["results"][0]["snippet"]
    assert snippet == "&lt;b&gt;<mark>Pushkin</mark>&lt;/b&gt; &amp; co"


def test_type_filter_and_pagination(client, indexed):
    body = client.get("/api/search/", {"q": "pushkin", "type": "event"}).json()
    assert [result["type"] for result in body["results"]] == ["event"]
    assert body["facets"]["type"] == {"organisation": 1, "event": 1}
    body = client.get("/api/search/", {"q": "pushkin", "page_size": 1, "page": 2}).json()
    assert body["count"] == 2 and len(body["results"]) == 1 and body["page"] == 2


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "   "},
        {"q": "x" * 201},
        {"q": "pushkin", "locale": "de"},
        {"q": "pushkin", "type": "person"},
        {"q": "pushkin", "page": "0"},
        {"q": "pushkin", "page": "-1"},
        {"q": "pushkin", "page": "two"},
        {"q": "pushkin", "page": "1.5"},
        {"q": "pushkin", "page_size": "0"},
        {"q": "pushkin", "page_size": "51"},
        {"q": "pushkin", "page_size": "ten"},
        {"q": "pushkin", "page": "99999999999999999999"},
    ],
)
def test_bad_input_answers_400_with_an_error(client, params):
    response = client.get("/api/search/", params)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["error"]


@pytest.mark.parametrize("query", ['"unbalanced', "a\x00b", "AND OR NOT", "*", "(", 'pushkin"*', "NEAR(a b)"])
def test_engine_syntax_never_breaks_a_search(client, indexed, query):
    response = client.get("/api/search/", {"q": query})
    assert response.status_code == HTTPStatus.OK


def test_query_of_200_characters_is_accepted(client, indexed):
    assert client.get("/api/search/", {"q": "  " + "x" * 200 + "  "}).status_code == HTTPStatus.OK


def test_suggestions(client, indexed):
    response = client.get("/api/search/suggest/", {"q": "Pus"})
    titles = [suggestion["title"] for suggestion in response.json()["suggestions"]]
    assert "International Pushkin Fund" in titles
    assert set(response.json()["suggestions"][0]) == {"title", "url", "type", "locale"}


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "x" * 101}, {"q": "pus", "locale": "xx"}])
def test_bad_suggestion_input_answers_400(client, params):
    response = client.get("/api/search/suggest/", params)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["error"]


def test_search_page_shows_results_facets_and_marks(client, indexed):
    response = client.get("/en/search/", {"q": "Пушкин"})
    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    assert "International Pushkin Fund" in content
    assert 'role="combobox"' in content
    assert "?q=%D0%9F%D1%83%D1%88%D0%BA%D0%B8%D0%BD&amp;type=event" in content or "type=event" in content


def test_search_page_bad_input_is_400(client):
    assert client.get("/en/search/", {"q": ""}).status_code == HTTPStatus.BAD_REQUEST


def test_admin_page_search_uses_the_analysis(admin_client, indexed):
    response = admin_client.get("/admin/pages/search/", {"q": "poesjkin"})
    assert response.status_code == HTTPStatus.OK
    assert "International Pushkin Fund" in response.content.decode()


def test_each_search_is_counted_for_the_popular_searches(client, home_page):
    from wagtail.contrib.search_promotions.models import Query

    client.get("/api/search/", {"q": "Pushkin  Museum"})
    client.get("/api/search/", {"q": "pushkin museum"})
    query = Query.objects.get(query_string="pushkin museum")
    assert query.hits == 2
