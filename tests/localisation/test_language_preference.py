"""The language picked in the switcher is remembered: "/" leads back to it."""

from http import HTTPStatus

from django.conf import settings


def test_picking_a_language_sets_the_cookie_and_shows_the_page(client, translated_home):
    response = client.get("/language/nl/", {"next": "/nl/"})

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/nl/"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "nl"
    assert int(cookie["max-age"]) >= 30 * 24 * 60 * 60  # kept, not only until the browser closes
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_root_leads_back_to_the_language_picked(client, translated_home):
    client.get("/language/ru/", {"next": "/ru/"})

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/ru/"
    assert "Cookie" in response["Vary"]


def test_without_a_choice_the_browser_language_decides(client, translated_home):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Location"] == "/fr/"


def test_a_switcher_link_on_a_page_remembers_its_language(client, translated_home):
    html = client.get("/en/").content.decode()
    assert 'href="/language/fr/?next=/fr/"' in html

    client.get("/language/fr/?next=/fr/")

    assert client.get("/")["Location"] == "/fr/"


def test_a_page_address_with_a_query_survives_the_detour(client, translated_home):
    response = client.get("/language/nl/", {"next": "/nl/search/?q=Pushkin&page=2"})
    assert response["Location"] == "/nl/search/?q=Pushkin&page=2"


def test_an_address_off_the_site_leads_to_the_language_home_page(client, translated_home):
    for target in (
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "javascript:alert(1)",
        "-1",
        "root_redirect",
        "",
    ):
        response = client.get("/language/fr/", {"next": target})
        assert response.status_code == HTTPStatus.FOUND
        assert response["Location"] == "/fr/", target


def test_an_unknown_language_is_a_404_and_sets_nothing(client, translated_home):
    response = client.get("/language/xx/", {"next": "/en/"})

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
