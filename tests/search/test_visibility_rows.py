"""Search, its suggestions, its "did you mean" and its grouped results show no page a visitor may not see.

Each kind of hidden page (tests/helpers/hidden_pages.py), with a word it
shares with a public page, stays out of the results, their counts, the
suggestions, the corrected query and the "also in" links of a grouped result;
bad parameters give a 4xx, never a 500.
"""

from http import HTTPStatus

import pytest

from tests import factories
from tests.helpers import reindex
from tests.helpers.hidden_pages import bad_queries, draft_translation, make_hidden_pages, shown

pytestmark = pytest.mark.django_db

SHARED = "zephyrmoot"


@pytest.fixture
def hidden(home_page, sections, translate):
    translate(home_page, "fr", {"title": "Accueil", "slug": "accueil"})
    public = factories.StandardPageFactory(
        parent=home_page, title="Qzsrpublic", slug="qzsrpublic", summary=f"The {SHARED} of the network."
    )
    pages = make_hidden_pages(home_page, factories.StandardPageFactory, "qzsr", summary=f"The {SHARED} kept hidden.")
    pages["translation"] = draft_translation(public, "fr", "qzsrtranslation")
    reindex()
    return public, pages


def search_texts(client, word):
    urls = [
        f"/api/search/?q={word}",
        f"/api/search/?q={word}&group=translation",
        f"/api/search/?q={word}&locale=fr",
        f"/api/search/suggest/?q={word[:5]}",
        f"/en/search/?q={word}",
        f"/fr/search/?q={word}",
    ]
    answers = {url: client.get(url) for url in urls}
    assert {url: answer.status_code for url, answer in answers.items() if answer.status_code != HTTPStatus.OK} == {}
    # What the request said (the query) is echoed; only the rest counts.
    return {url: answer.content.decode().lower().replace(word, "") for url, answer in answers.items()}


def leaks(answers, pages):
    return {url: found for url, text in answers.items() if (found := shown(text, pages))}


def test_no_hidden_page_is_found_suggested_or_linked(client, hidden):
    _public, pages = hidden
    answers = search_texts(client, SHARED)
    assert "qzsrpublic" in answers[f"/api/search/?q={SHARED}"]
    assert leaks(answers, pages.values()) == {}
    assert leaks(search_texts(client, "qzsr"), pages.values()) == {}


def test_a_hidden_page_is_found_by_none_of_its_words_nor_their_misspellings(client, hidden):
    _public, pages = hidden
    for kind, page in pages.items():
        for asked in (page.slug, page.slug[:-1], page.slug[:4] + page.slug[5:]):
            body = client.get("/api/search/", {"q": asked}).json()
            assert body["count"] == 0, (kind, asked)
            assert shown(str(body).replace(asked, ""), [page]) == [], (kind, asked)


def test_the_grouped_result_links_no_hidden_translation(client, hidden):
    for url in (f"/en/search/?q={SHARED}", f"/api/search/?q={SHARED}&group=translation"):
        text = client.get(url).content.decode().lower()
        assert "qzsrpublic" in text
        assert "qzsrtranslation" not in text


def test_a_page_hidden_after_it_was_found_is_found_no_more(client, home_page):
    section = factories.StandardPageFactory(parent=home_page, title="Qzsrsection", summary=f"{SHARED} section")
    child = factories.StandardPageFactory(parent=section, title="Qzsrchild", summary=f"{SHARED} child")
    reindex()
    assert leaks(search_texts(client, SHARED), [section, child])
    child.unpublish()
    assert shown(str(search_texts(client, SHARED)), [child]) == []
    child.save_revision().publish()
    section.unpublish()  # the section alone: its child stays live
    assert leaks(search_texts(client, SHARED), [section, child]) == {}


SURFACES = ("/api/search/", "/api/search/suggest/", "/en/search/")
PARAMETERS = ("q", "locale", "type", "page", "page_size", "group", "language", "p")


@pytest.mark.parametrize("name", PARAMETERS)
@pytest.mark.parametrize("surface", SURFACES)
def test_bad_parameters_give_a_clear_answer(client, home_page, surface, name):
    for query in bad_queries(name):
        if name != "q":
            query += f"&q={SHARED}"
        response = client.get(f"{surface}?{query}")
        assert response.status_code in (200, 400, 404), (surface, query, response.status_code)
        if surface.startswith("/api/") and response.status_code == HTTPStatus.BAD_REQUEST:
            assert "error" in response.json()


def test_a_page_far_beyond_the_end_gives_a_clear_answer(client, hidden):
    for page in ("2", "999", "9" * 30):
        for url in ("/api/search/", "/en/search/"):
            response = client.get(url, {"q": SHARED, "page": page})
            assert response.status_code in (200, 400, 404), (url, page)
