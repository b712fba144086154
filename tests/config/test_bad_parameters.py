"""API v2: every bad query parameter value is a clear 400 (JSON), never a 500."""

from http import HTTPStatus

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"

PAGES = [
    {"offset": HUGE},
    {"offset": "-1"},
    {"offset": "x"},
    {"limit": HUGE},
    {"limit": "-1"},
    {"limit": "1.5"},
    {"order": "nothing"},
    {"order": "title,,"},
    {"order": "random", "offset": "1"},
    {"type": "events.Nothing"},
    {"type": "events"},
    {"type": "a.b.c"},
    {"type": "auth.User"},
    {"type": ","},
    {"type": "events.EventPage,"},
    {"fields": "nothing"},
    {"fields": "title(id)"},
    {"fields": "(("},
    {"fields": "*,organisers(nothing)"},
    {"type": "events.EventPage", "fields": "organisers(title)"},
    {"type": "jubilees.JubileePage", "fields": "organisation(id)"},
    {"fields": "parent(nothing)"},
    {"fields": "locale(nothing)"},
    {"locale": "xx"},
    {"locale": "\x00"},
    {"child_of": HUGE},
    {"child_of": "x"},
    {"child_of": "-3"},
    {"descendant_of": HUGE},
    {"ancestor_of": HUGE},
    {"translation_of": HUGE},
    {"translation_of": "1.5"},
    {"site": "nowhere.example"},
    {"site": "localhost:x"},
    {"site": "localhost:" + HUGE},
    {"site": "\x00"},
    {"id": HUGE},
    {"id": "x"},
    {"search": "a", "search_operator": "xor"},
    {"search": "\x00"},
    {"title": "\x00"},
    {"slug": "\x00"},
    {"nothing": "1"},
    {"\x00": "1"},
    {"rich_text_format": "nothing"},
    {"type": "events.EventPage", "start": "not a date"},
    {"type": "events.EventPage", "start": "9999-99-99"},
    {"type": "events.EventPage", "country": "\x00"},
    {"type": "organisations.OrganisationPage", "founded_year": HUGE},
    {"type": "organisations.OrganisationPage", "founded_year": "x"},
    {"type": "organisations.OrganisationPage", "founded_date": "x"},
    {"type": "organisations.OrganisationPage", "logo": HUGE},
    {"type": "organisations.OrganisationPage", "logo": "x"},
    {"type": "jubilees.JubileePage", "date": "x"},
    {"type": "jubilees.JubileePage", "anniversary": HUGE},
    {"type": "organisations.OrganisationPage", "term_start": "2020-02-30"},
]

FILES = [
    {"offset": HUGE},
    {"limit": HUGE},
    {"id": HUGE},
    {"width": HUGE},
    {"width": "x"},
    {"order": "nothing"},
    {"fields": "nothing"},
    {"collection": "x"},
    {"title": "\x00"},
    {"\x00": "1"},
    {"search": "a", "search_operator": "xor"},
]


def assert_bad_request(response):
    assert response.status_code == HTTPStatus.BAD_REQUEST, response.content
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"]


@pytest.mark.parametrize("query", PAGES, ids=repr)
def test_pages_listing_refuses_bad_parameters(client, sections, query):
    factories.EventPageFactory(parent=sections["events"])
    factories.OrganisationPageFactory(parent=sections["organisations"])
    assert_bad_request(client.get("/api/v2/pages/", query))


@pytest.mark.parametrize("endpoint", ["images", "documents"])
@pytest.mark.parametrize("query", FILES, ids=repr)
def test_images_and_documents_refuse_bad_parameters(client, endpoint, query):
    factories.ImageFactory()
    if endpoint == "documents" and "width" in query:
        pytest.skip("documents have no width")
    assert_bad_request(client.get(f"/api/v2/{endpoint}/", query))


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_a_huge_id_in_the_path_is_not_found(client, endpoint):
    response = client.get(f"/api/v2/{endpoint}/{HUGE}/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("query", [{"fields": "nothing"}, {"fields": "title(id)"}, {"\x00": "1"}], ids=repr)
def test_page_detail_refuses_bad_parameters(client, sections, query):
    event = factories.EventPageFactory(parent=sections["events"])
    assert_bad_request(client.get(f"/api/v2/pages/{event.pk}/", query))


@pytest.mark.parametrize("query", [{"id": HUGE}, {"id": "x"}, {"html_path": "\x00"}], ids=repr)
def test_find_refuses_bad_parameters(client, query):
    response = client.get("/api/v2/pages/find/", query)
    assert response.status_code in (HTTPStatus.BAD_REQUEST, HTTPStatus.NOT_FOUND), response.content
    assert response["Content-Type"] == "application/json"
