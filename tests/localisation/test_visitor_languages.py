"""The "/" language redirect and pages requested in a language they do not exist in."""

from http import HTTPStatus

import pytest

from tests import factories


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("nl-BE,nl;q=0.9,en;q=0.5", "/nl/"),
        ("ru", "/ru/"),
        ("fr-CA, en;q=0.3", "/fr/"),
        ("de", "/en/"),
        ("", "/en/"),
    ],
)
def test_root_redirects_to_the_best_language(client, home_page, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"]


def test_root_redirect_leads_to_the_home_page_in_that_language(client, translated_home):
    response = client.get("/", headers={"accept-language": "ru"}, follow=True)
    assert response.status_code == HTTPStatus.OK
    assert response.context["page"] == translated_home["ru"]


def test_page_missing_in_the_requested_language_lists_its_languages(client, organisation_section, translate):
    foo = factories.OrganisationPageFactory(parent=organisation_section["en"], title="Foo", slug="foo")
    translate(foo, "ru", {"title": "Фу", "slug": "fu"})

    response = client.get("/nl/organisations/foo/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert [(v.language_code, v.url) for v in response.context["language_versions"]] == [
        ("en", "/en/organisations/foo/"),
        ("ru", "/ru/organisations/fu/"),
    ]
    html = response.content.decode()
    assert 'href="/language/en/?next=/en/organisations/foo/" lang="en" hreflang="en" rel="nofollow">English</a>' in html
    assert 'href="/language/ru/?next=/ru/organisations/fu/" lang="ru" hreflang="ru" rel="nofollow">Русский</a>' in html


def test_source_language_path_after_another_prefix_redirects_to_the_translation(
    client, organisation_section, translate
):
    foo = factories.OrganisationPageFactory(parent=organisation_section["en"], title="Foo", slug="foo")
    translate(foo, "nl", {"title": "Foe", "slug": "foe"})

    response = client.get("/nl/organisations/foo/")

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/nl/organisaties/foe/"


def test_drafts_are_not_offered_on_the_404(client, organisation_section):
    factories.OrganisationPageFactory(parent=organisation_section["en"], title="Secret", slug="secret", live=False)
    response = client.get("/nl/organisations/secret/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert b"/en/organisations/secret/" not in response.content


def test_unknown_path_offers_every_language_home_page(client, translated_home):
    response = client.get("/nl/no-such-page/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert [(v.url, v.is_current) for v in response.context["language_versions"]] == [
        ("/en/", False),
        ("/nl/", True),
        ("/fr/", False),
        ("/ru/", False),
    ]
    assert (
        b'href="/language/nl/?next=/nl/" lang="nl" hreflang="nl" rel="nofollow" aria-current="true"' in response.content
    )
