"""As-you-type suggestions: titles holding the word typed, the visitor's
language first; a combobox on every search box (header, home, search page)."""

from http import HTTPStatus

import pytest
from wagtail.models import Site

from search import service
from search.models import SynonymGroup
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def fund(home_page, translate):
    english = factories.StandardPageFactory(parent=home_page, title="International Pushkin Fund", slug="fund")
    dutch = translate(english, "nl", {"title": "Internationaal Poesjkinfonds", "slug": "fonds"})
    russian = translate(english, "ru", {"title": "Фонд Пушкина", "slug": "fond"})
    return {"en": english, "nl": dutch, "ru": russian}


def suggested(prefix, language=None, locale=None):
    site = Site.objects.get(is_default_site=True)
    return [suggestion["title"] for suggestion in service.suggest(prefix, locale, site, language=language)]


def test_titles_in_the_visitors_language_come_first(fund):
    assert suggested("Pus", language="ru")[0] == "Фонд Пушкина"
    assert suggested("Pus", language="nl")[0] == "Internationaal Poesjkinfonds"
    assert suggested("Pus", language="en")[0] == "International Pushkin Fund"
    assert set(suggested("Pus", language="en")) == {page.title for page in fund.values()}


def test_never_a_title_without_the_word_typed(home_page):
    SynonymGroup.objects.create(variants="Lüttich, Liège")
    factories.StandardPageFactory(parent=home_page, title="Liège Congress Centre")
    factories.StandardPageFactory(parent=home_page, title="Lüttich then and now")
    assert suggested("Lüttich") == ["Lüttich then and now"]
    assert suggested("Liè") == ["Liège Congress Centre"]


def test_the_api_takes_the_visitors_language(client, fund):
    response = client.get("/api/search/suggest/", {"q": "Pus", "language": "ru"})
    assert response.json()["suggestions"][0]["title"] == "Фонд Пушкина"
    assert client.get("/api/search/suggest/", {"q": "Pus", "language": "xx"}).status_code == HTTPStatus.BAD_REQUEST


@pytest.mark.parametrize("path", ["/en/", "/en/search/"])
def test_every_search_box_is_a_combobox(client, path):
    content = client.get(path).content.decode()
    assert 'type="search"' not in content
    assert content.count('role="combobox"') >= 1
    assert content.count('role="listbox"') == content.count('role="combobox"')
    assert "js/search-suggest" in content
