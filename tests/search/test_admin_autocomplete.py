"""The admin's page search, listing and chooser (Wagtail's ``autocomplete()``):
partial words, quoted phrases and negation, in every spelling."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page):
    return {
        "fund": factories.StandardPageFactory(parent=home_page, title="Pushkin Foundation", summary="Poetry evenings."),
        "day": factories.StandardPageFactory(parent=home_page, title="Pushkin Day", summary="Readings by the fund."),
        "choir": factories.StandardPageFactory(parent=home_page, title="Foundation choir", summary="Songs."),
    }


def found(client, query, url_name="wagtailadmin_pages:search"):
    response = client.get(reverse(url_name), {"q": query})
    assert response.status_code == HTTPStatus.OK
    return {page.pk for page in response.context["pages"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Push", {"fund", "day"}),
        ("Found", {"fund", "choir"}),
        ("Push Found", {"fund"}),
        ("Poes", {"fund", "day"}),
        ("Пуш", {"fund", "day"}),
        ('"Pushkin Day"', {"day"}),
        ('"Day Pushkin"', set()),
        ("Pushkin -day", {"fund"}),
        ('Found -"Pushkin Foundation"', {"choir"}),
    ],
)
def test_the_page_search(admin_client, pages, query, expected):
    assert found(admin_client, query) == {pages[name].pk for name in expected}


def test_the_page_chooser_finds_partial_words(admin_client, pages):
    assert found(admin_client, "Found", "wagtailadmin_choose_page_search") >= {pages["fund"].pk, pages["choir"].pk}


def test_the_page_listing_finds_partial_words(admin_client, home_page, pages):
    response = admin_client.get(reverse("wagtailadmin_explore", args=[home_page.pk]), {"q": "Push"})
    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    assert "Pushkin Foundation" in content and "Pushkin Day" in content
    assert "Foundation choir" not in content
