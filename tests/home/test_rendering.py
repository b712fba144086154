"""The public pages render with the site's frame: navigation, breadcrumbs, meta tags, errors."""

import datetime
from http import HTTPStatus

import pytest
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from localisation.relations import LocalizedLink
from tests import factories


@pytest.fixture
def client_html(client):
    def get(url):
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, url
        return response.content.decode()

    return get


@pytest.fixture
def populated_home(home_page, sections):
    for section in sections.values():
        section.show_in_menus = True
        section.save_revision().publish()
    home_page.introduction = "A network of more than fifty compatriot organisations."
    home_page.save_revision().publish()
    factories.EventPageFactory(
        parent=sections["events"], title="Pushkin Evening", start=timezone.now() + datetime.timedelta(days=3)
    )
    union = factories.OrganisationPageFactory(parent=sections["organisations"], title="Union", founded_year=1946)
    factories.JubileePageFactory(
        parent=sections["jubilees"],
        title="Eightieth anniversary of the Union",
        organisation=union,
        date=timezone.localdate() + datetime.timedelta(days=30),
    )
    factories.HeritageProjectPageFactory(parent=sections["heritage"], title="Graves at Uccle")
    return home_page


class TestHomePage:
    def test_shows_introduction_and_what_is_coming(self, populated_home, client_html):
        html = client_html("/en/")
        assert "A network of more than fifty compatriot organisations." in html
        assert "Pushkin Evening" in html
        assert "Eightieth anniversary of the Union" in html
        assert "Graves at Uccle" in html
        assert 'role="search"' in html and 'name="q"' in html

    def test_frame_is_accessible(self, populated_home, client_html):
        html = client_html("/en/")
        assert '<html lang="en">' in html
        assert '<a class="skip-link" href="#main">' in html
        assert '<main id="main"' in html
        assert '<nav class="main-nav" aria-label="Main">' in html
        assert "<footer" in html
        # The search box's input has a label.
        assert '<label for="home-search-q"' in html

    def test_main_navigation_lists_menu_pages_that_visitors_may_see(self, populated_home, sections, client_html):
        hidden = factories.StandardPageFactory(parent=populated_home, title="Draft about", show_in_menus=True)
        hidden.unpublish()
        not_in_menu = factories.StandardPageFactory(parent=populated_home, title="Imprint", show_in_menus=False)
        html = client_html("/en/")
        nav = html.split('<nav class="main-nav"')[1].split("</nav>")[0]
        assert 'href="/en/organisations/"' in nav
        assert hidden.title not in nav
        assert not_in_menu.title not in nav

    def test_meta_description_and_open_graph(self, home_page, client_html):
        page = factories.StandardPageFactory(
            parent=home_page,
            title="About us",
            summary="Who we are and how we work.",
            image=factories.ImageFactory(),
            image_alt="The board in 2016",
        )
        html = client_html(page.url)
        assert '<meta name="description" content="Who we are and how we work.">' in html
        assert '<meta property="og:title" content="About us">' in html
        assert '<meta property="og:description" content="Who we are and how we work.">' in html
        assert '<meta property="og:type" content="article">' in html
        assert f'<meta property="og:url" content="{page.full_url}">' in html
        assert '<meta property="og:image" content="http://localhost/' in html
        assert '<meta property="og:image:alt" content="The board in 2016">' in html


class TestStandardPage(WagtailPageTestCase):
    def test_renders_body_blocks_and_breadcrumbs(self):
        home_page = HomePage.objects.get(locale__language_code="en")
        about = factories.StandardPageFactory(parent=home_page, title="About us")
        page = factories.StandardPageFactory(
            parent=about,
            title="Our history",
            body=[
                ("heading", {"text": "After the war", "level": "h2"}),
                ("paragraph", "<p>The union was <b>founded</b> in 1946.</p>"),
                ("quote", {"text": "Я памятник себе воздвиг", "attribution": "Alexander Pushkin"}),
            ],
        )
        self.assertPageIsRenderable(page)
        html = self.client.get(page.url).content.decode()
        self.assertInHTML('<h2 class="block-heading">After the war</h2>', html)
        self.assertInHTML("<b>founded</b>", html, count=1)
        assert "Alexander Pushkin" in html
        breadcrumbs = html.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
        assert f'href="{home_page.url}"' in breadcrumbs
        assert 'href="/en/about-us/"' in breadcrumbs
        assert '<span aria-current="page">Our history</span>' in breadcrumbs


def test_unknown_url_answers_404_with_the_site_frame(db, client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    html = response.content.decode()
    assert "Page not found" in html
    assert '<main id="main"' in html


def test_server_error_page_needs_no_context():
    html = render_to_string("500.html")
    assert "Something went wrong" in html
    assert "{%" not in html


def test_related_page_in_another_language_is_marked(home_page):
    organisation = factories.StandardPageFactory(parent=home_page, title="Pushkin Fund")
    html = render_to_string("includes/related_links.html", {"links": [LocalizedLink(organisation, is_fallback=True)]})
    assert '<span lang="en">Pushkin Fund</span>' in html
    assert "(English)" in html
