"""What every page's head and frame offer a visitor, a search engine and a screen reader."""

import re
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings

from tests import factories
from tests.helpers import translate_everywhere

pytestmark = pytest.mark.django_db


def html_of(client, url, status=HTTPStatus.OK):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def meta_description(html):
    match = re.search(r'<meta name="description" content="([^"]*)">', html)
    return match and match.group(1)


def test_the_home_page_title_does_not_repeat_the_site_name(client, home_page):
    home_page.title = "Compatriots"
    home_page.save_revision().publish()
    assert "<title>Compatriots</title>" in html_of(client, "/en/")

    page = factories.StandardPageFactory(parent=home_page, title="About us")
    assert "<title>About us · Compatriots</title>" in html_of(client, page.url)


def test_every_kind_of_page_has_a_meta_description(client, home_page, sections):
    factories.OrganisationPageFactory(parent=sections["organisations"], title="Choir", summary="")
    sections["heritage"].summary = ""
    sections["heritage"].save()
    for url in ("/en/", sections["organisations"].url, sections["heritage"].url, "/en/search/", "/en/search/?q=choir"):
        assert meta_description(html_of(client, url)), url
    assert meta_description(html_of(client, "/en/no-such-page/", HTTPStatus.NOT_FOUND))


def test_search_results_are_not_indexed_but_the_search_page_is(client, home_page):
    assert 'name="robots" content="noindex, follow"' in html_of(client, "/en/search/?q=choir")
    assert 'name="robots"' not in html_of(client, "/en/search/")


def test_the_not_found_page_lists_no_language_alternates(client, home_page):
    translate_everywhere(home_page)
    html = html_of(client, "/en/no-such-page/", HTTPStatus.NOT_FOUND)
    assert 'rel="alternate" hreflang' not in html
    assert 'name="robots" content="noindex"' in html


def test_every_page_links_the_favicon(client, home_page):
    html = html_of(client, "/en/")
    match = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html)
    assert match
    assert (Path(settings.BASE_DIR) / "static" / "favicon.svg").read_text().startswith("<svg")


def test_the_site_name_is_shown_in_the_pages_language(client, home_page, compiled_catalogues):
    translate_everywhere(home_page, languages=("ru",))
    html = html_of(client, "/ru/")
    assert '<span class="site-name__text">Соотечественники</span>' in html
    assert '<meta property="og:site_name" content="Соотечественники">' in html


def test_search_landmarks_have_distinct_names(client, home_page):
    for url, status in (("/en/search/?q=choir", HTTPStatus.OK), ("/en/no-such-page/", HTTPStatus.NOT_FOUND)):
        html = html_of(client, url, status)
        forms = re.findall(r'<form [^>]*role="search"[^>]*>', html)
        names = [re.search(r'aria-label(?:ledby)?="([^"]+)"', form).group(1) for form in forms]
        assert len(forms) == 2 and len(set(names)) == 2, (url, forms)


def test_the_search_box_that_suggests_is_a_text_combobox(client, home_page):
    html = html_of(client, "/en/search/")
    combobox = re.search(r'<input id="search-q"[^>]*>', html, re.S).group(0)
    assert 'role="combobox"' in combobox and 'type="text"' in combobox


def test_a_cards_image_is_decorative_because_its_title_names_it(client, home_page, sections):
    factories.OrganisationPageFactory(
        parent=sections["organisations"], title="Choir", image=factories.ImageFactory(), image_alt="Singers on a stage"
    )
    html = html_of(client, sections["organisations"].url)
    card = html.split('<article class="card">')[1].split("</article>")[0]
    assert 'alt=""' in card and "Singers on a stage" not in card


def test_the_facts_come_before_the_long_lists_and_break_no_word(client, sections):
    organisation = factories.OrganisationPageFactory(parent=sections["organisations"], city="Brussels")
    html = html_of(client, organisation.url)
    assert html.index('aria-labelledby="facts-heading"') < html.index('class="layout-aside__main"')
    css = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text()
    assert ".facts dd { margin: 0 0 0.75rem; }" in css  # no overflow-wrap: anywhere on every value


def test_the_events_filter_form_submits_to_its_own_address_without_a_placeholder(client, sections):
    html = html_of(client, sections["events"].url)
    form = html.split('<form class="filters"')[1].split("</form>")[0]
    assert f'action="{sections["events"].url}"' in form
    assert "placeholder" not in form
    assert 'type="month"' in form


def test_an_events_when_and_where_are_a_styled_definition_list(client, sections):
    event = factories.EventPageFactory(parent=sections["events"], venue="Maison des Arts")
    html = html_of(client, event.url)
    assert '<dl class="event__facts">' in html
    assert ".event__facts {" in (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text()
