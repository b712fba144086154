"""The header, menu, footer, language switcher and hreflang links: kept per locale until the next publish."""

import datetime
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.cache import CONTENT_CACHE_SECONDS, seconds_until_expiry
from tests import factories

pytestmark = pytest.mark.django_db


def menu_of(html):
    return html.split('<nav class="main-nav"')[1].split("</nav>")[0]


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return response.content.decode(), len(queries)


@pytest.fixture
def about(home_page):
    return factories.StandardPageFactory(parent=home_page, title="About us", show_in_menus=True)


def test_a_second_request_reads_the_navigation_from_the_cache(client, about):
    page = factories.StandardPageFactory(parent=about, title="Board")
    first_html, first_queries = get(client, page.url)
    second_html, second_queries = get(client, page.url)

    assert second_html == first_html
    # Kept: the locale's home, its menu pages and the page's translations.
    assert second_queries <= first_queries - 3
    assert 'href="/en/about-us/" aria-current="true">About us</a>' in menu_of(second_html)


def test_a_publish_changes_the_menu_and_the_footer_on_the_next_request(client, home_page, about):
    get(client, about.url)
    news = factories.StandardPageFactory(parent=home_page, title="News", show_in_menus=True)

    html, _queries = get(client, about.url)
    assert "News" in menu_of(html)
    assert f'<li><a href="{news.url}">News</a></li>' in html.split("<footer")[1]

    news.unpublish()
    html, _queries = get(client, about.url)
    assert "News" not in menu_of(html)


def test_a_renamed_menu_page_is_shown_renamed(client, about):
    get(client, about.url)
    about.title = "Who we are"
    about.save_revision().publish()

    html, _queries = get(client, about.url)
    assert ">Who we are</a>" in menu_of(html)


def test_a_published_translation_appears_in_the_switcher_and_hreflang(client, home_page, about, locales):
    html, _queries = get(client, about.url)
    assert 'hreflang="fr"' not in html

    french_home = home_page.copy_for_translation(locales["fr"])
    french_home.save_revision().publish()
    french = about.copy_for_translation(locales["fr"])
    french.save_revision().publish()

    html, _queries = get(client, about.url)
    assert f'<link rel="alternate" hreflang="fr" href="http://localhost{french.url}">' in html
    assert 'class="language-switcher"' in html


def test_kept_until_the_first_shown_page_expires():
    now = timezone.now()
    soon = factories.StandardPageFactory.build(expire_at=now + datetime.timedelta(seconds=90))
    never = factories.StandardPageFactory.build(expire_at=None)

    assert seconds_until_expiry([never], now=now) == CONTENT_CACHE_SECONDS
    assert seconds_until_expiry([never, soon], now=now) == 90
