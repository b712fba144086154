"""The pages API shows no page a visitor may not see, in its lists, details, relations and rich-text links.

Each kind of hidden page (tests/helpers/hidden_pages.py) stays out of the
listing (every filter that walks the tree), its detail and ``find`` answer
404, and a public page's rich-text links and related pages (an event's
organisers) name none of them; bad parameters give a 4xx, never a 500.
"""

import json
from http import HTTPStatus

import pytest
from wagtail.rich_text import RichText

from tests import factories
from tests.helpers.hidden_pages import bad_queries, draft_translation, make_hidden_pages, shown

pytestmark = pytest.mark.django_db


def ids_in(data):
    """Every page id ``data`` names: objects' ids and rich-text links' ids."""
    found = set()
    if isinstance(data, dict):
        if isinstance(data.get("id"), int):
            found.add(data["id"])
        for value in data.values():
            found |= ids_in(value)
    elif isinstance(data, list):
        for value in data:
            found |= ids_in(value)
    elif isinstance(data, str) and 'linktype="page"' in data:
        found |= {int(part.split('"')[0]) for part in data.split('linktype="page" id="')[1:] if part[0].isdigit()}
    return found


@pytest.fixture
def hidden(home_page, sections, translate):
    translate(home_page, "fr", {"title": "Accueil", "slug": "accueil"})
    pages = make_hidden_pages(home_page, factories.StandardPageFactory, "qzap")
    organisers = make_hidden_pages(sections["organisations"], factories.OrganisationPageFactory, "qzaporg")
    event = factories.EventPageFactory(parent=sections["events"], title="Qzappublic event")
    for organiser in organisers.values():
        factories.EventOrganiserFactory(event=event, organisation=organiser)
    links = " ".join(f'<a linktype="page" id="{page.pk}">link {kind}</a>' for kind, page in pages.items())
    article = factories.StandardPageFactory(
        parent=home_page, title="Qzappublic article", body=[("paragraph", RichText(f"<p>{links}</p>"))]
    )
    pages["translation"] = draft_translation(article, "fr", "qzaptranslation")
    return {"event": event, "article": article}, {**pages, **{f"org {k}": page for k, page in organisers.items()}}


def answers(client, urls):
    """The answers to ``urls``: a list, or a 400 naming the hidden page a filter asked for as unknown."""
    found = {}
    for url in urls:
        response = client.get(url)
        expected = (HTTPStatus.OK, HTTPStatus.BAD_REQUEST) if "_of=" in url else (HTTPStatus.OK,)
        assert response.status_code in expected, url
        found[url] = response
    return found


def test_no_hidden_page_in_the_lists_details_relations_or_links(client, hidden):
    public, pages = hidden
    hidden_ids = {page.pk for page in pages.values()}
    containers = {page.get_parent().pk for page in pages.values()}
    urls = ["/api/v2/pages/?fields=*&limit=50", "/api/v2/pages/?fields=*&limit=50&locale=fr"]
    urls += [f"/api/v2/pages/?fields=*&descendant_of={pk}" for pk in containers]
    urls += [f"/api/v2/pages/?fields=*&child_of={pk}" for pk in containers]
    urls += [f"/api/v2/pages/{page.pk}/?fields=*" for page in public.values()]
    urls += [f"/api/v2/pages/{page.pk}/?fields=*&rich_text_format=html" for page in public.values()]
    leaks = {}
    for url, response in answers(client, urls).items():
        found = shown(response.content.decode(), pages.values())
        found += sorted(ids_in(response.json()) & hidden_ids)
        if found:
            leaks[url] = found
    assert leaks == {}
    body = client.get(f"/api/v2/pages/{public['article'].pk}/?fields=*&rich_text_format=html").content.decode()
    assert "link draft" in body, "the links keep their text"


def test_no_hidden_page_is_given_by_its_id_or_its_address(client, hidden):
    _public, pages = hidden
    for kind, page in pages.items():
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == HTTPStatus.NOT_FOUND, kind
        path = "/" + page.url_path.split("/", 2)[-1]
        response = client.get("/api/v2/pages/find/", {"html_path": path})
        assert response.status_code == HTTPStatus.NOT_FOUND, kind


def test_a_page_hidden_after_it_was_listed_leaves_the_api(client, home_page):
    section = factories.StandardPageFactory(parent=home_page, title="Qzapsection", slug="qzapsection")
    child = factories.StandardPageFactory(parent=section, title="Qzapchild", slug="qzapchild")
    url = "/api/v2/pages/?fields=*&limit=50"
    assert shown(client.get(url).content.decode(), [section, child]) == ["qzapsection", "qzapchild"]
    section.unpublish()  # the section alone: its child stays live
    assert shown(client.get(url).content.decode(), [section, child]) == []
    assert client.get(f"/api/v2/pages/{child.pk}/").status_code == HTTPStatus.NOT_FOUND


PARAMETERS = (
    "offset",
    "limit",
    "locale",
    "type",
    "fields",
    "child_of",
    "descendant_of",
    "order",
    "search",
    "id",
    "translation_of",
    "rich_text_format",
    "p",
    "group",
)


@pytest.mark.parametrize("name", PARAMETERS)
@pytest.mark.parametrize("url", ["/api/v2/pages/", "/api/v2/pages/find/"])
def test_bad_parameters_give_a_clear_answer(client, sections, url, name):
    for query in bad_queries(name):
        response = client.get(f"{url}?{query}")
        assert response.status_code in (200, 302, 400, 404), (url, query, response.status_code)
        if response.status_code == HTTPStatus.BAD_REQUEST:
            assert "message" in json.loads(response.content), (url, query)


def test_an_offset_far_beyond_the_end_gives_an_empty_list(client, sections):
    response = client.get("/api/v2/pages/", {"offset": "100000"})
    assert response.status_code == HTTPStatus.OK
    assert response.json()["items"] == []
