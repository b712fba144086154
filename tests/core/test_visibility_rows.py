"""The sitemap, the kept routes and the kept fragments show no page a visitor may not see.

They read pages as rows or keep what they built per content version
(core.sitemaps, core.routing, core.templatetags.fragment_tags): each kind of
hidden page (tests/helpers/hidden_pages.py) stays out, also from an answer
kept before the page was hidden, and bad query parameters give a 4xx, never a 500.
"""

import datetime
import time
from http import HTTPStatus

import pytest
from django.utils import timezone
from wagtail.models import Page
from wagtail.rich_text import RichText

from tests import factories
from tests.helpers.hidden_pages import bad_queries, draft_translation, make_hidden_pages, restrict, shown

pytestmark = pytest.mark.django_db

PUBLIC = "qzsmpublic"


@pytest.fixture
def hidden(home_page, sections, translate):
    translate(home_page, "fr", {"title": "Accueil", "slug": "accueil"})
    public = factories.StandardPageFactory(parent=home_page, title=PUBLIC.title(), slug=PUBLIC, show_in_menus=True)
    pages = make_hidden_pages(home_page, factories.StandardPageFactory, "qzsm", show_in_menus=True)
    pages["translation"] = draft_translation(public, "fr", "qzsmtranslation")
    return public, pages


def sitemap_text(client):
    index = client.get("/sitemap.xml")
    assert index.status_code == HTTPStatus.OK
    files = client.get("/sitemap-pages.xml")
    assert files.status_code == HTTPStatus.OK
    return index.content.decode() + files.content.decode()


def test_the_sitemap_lists_no_hidden_page(client, hidden):
    _public, pages = hidden
    text = sitemap_text(client)
    assert PUBLIC in text
    assert shown(text, pages.values()) == []


def test_the_home_page_and_its_menu_list_no_hidden_page(client, hidden):
    _public, pages = hidden
    for url in ("/en/", f"/en/{PUBLIC}/"):
        text = client.get(url).content.decode()
        assert PUBLIC in text
        assert shown(text, pages.values()) == [], url


def test_a_page_hidden_after_the_sitemap_was_kept_leaves_it(client, home_page):
    page = factories.StandardPageFactory(parent=home_page, title="Qzsmlater", slug="qzsmlater")
    assert "qzsmlater" in sitemap_text(client)
    page.unpublish()
    assert "qzsmlater" not in sitemap_text(client)
    page.save_revision().publish()
    assert "qzsmlater" in sitemap_text(client)
    restrict(page, "password")
    assert "qzsmlater" not in sitemap_text(client)


def test_a_page_under_a_section_unpublished_alone_leaves_the_sitemap(client, home_page):
    section = factories.StandardPageFactory(parent=home_page, title="Qzsmsection", slug="qzsmsection")
    factories.StandardPageFactory(parent=section, title="Qzsmunder", slug="qzsmunder")
    assert "qzsmunder" in sitemap_text(client)
    section.unpublish()  # the section alone: its child stays live
    assert shown(sitemap_text(client), [section, Page(slug="qzsmunder")]) == []


def test_a_page_under_a_section_past_its_expiry_is_hidden_with_it(client, home_page):
    section = factories.StandardPageFactory(parent=home_page, title="Qzsmold", slug="qzsmold")
    child = factories.StandardPageFactory(parent=section, title="Qzsmoldchild", slug="qzsmoldchild")
    assert client.get(child.url).status_code == HTTPStatus.OK
    soon = timezone.now() + datetime.timedelta(seconds=2)
    type(section).objects.filter(pk=section.pk).update(expire_at=soon)
    factories.StandardPageFactory(parent=home_page)  # moves the content version on
    assert "qzsmoldchild" in sitemap_text(client)
    time.sleep(max(0, (soon - timezone.now()).total_seconds()) + 0.2)
    assert shown(sitemap_text(client), [section, child]) == []
    assert client.get(child.url).status_code == HTTPStatus.NOT_FOUND


def test_a_page_expiring_after_the_sitemap_was_kept_leaves_it_when_it_expires(client, home_page):
    factories.StandardPageFactory(
        parent=home_page, title="Qzsmsoon", slug="qzsmsoon", expire_at=timezone.now() + datetime.timedelta(seconds=2)
    )
    assert "qzsmsoon" in sitemap_text(client)
    time.sleep(2.2)
    assert "qzsmsoon" not in sitemap_text(client)


def test_no_hidden_page_is_served_at_its_address(client, hidden):
    _public, pages = hidden
    for kind, page in pages.items():
        if kind == "othersite":
            continue
        response = client.get(page.url_path.removeprefix("/home"), follow=False)
        assert response.status_code != HTTPStatus.OK or shown(response.content.decode(), [page]) == [], kind


def test_a_kept_route_is_dropped_when_its_page_or_its_parent_is_hidden(client, home_page):
    section = factories.StandardPageFactory(parent=home_page, title="Qzsmkept", slug="qzsmkept")
    child = factories.StandardPageFactory(parent=section, title="Qzsmkeptchild", slug="qzsmkeptchild")
    assert client.get(child.url).status_code == HTTPStatus.OK
    assert client.get(child.url).status_code == HTTPStatus.OK  # now from the kept route
    section.unpublish()
    assert client.get(child.url).status_code == HTTPStatus.NOT_FOUND
    section.save_revision().publish()
    assert client.get(child.url).status_code == HTTPStatus.OK
    restrict(section, "login")
    assert client.get(child.url).status_code != HTTPStatus.OK


def test_kept_fragments_drop_a_page_hidden_after_they_were_kept(client, home_page, sections):
    organisations = sections["organisations"]
    federation = factories.OrganisationPageFactory(parent=organisations, title="Federation", kind="federation")
    member = factories.OrganisationPageFactory(parent=organisations, title="Qzsmmember", slug="qzsmmember")
    factories.OrganisationMembershipFactory(member=member, organisation=federation)
    member.save_revision().publish()
    for url in (federation.url, organisations.url):
        assert "qzsmmember" in client.get(url).content.decode().lower(), url
    member.unpublish()
    for url in (federation.url, organisations.url):
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK
        assert "qzsmmember" not in response.content.decode().lower(), url


def test_rich_text_links_to_hidden_pages_lose_their_address(client, home_page, hidden):
    _public, pages = hidden
    links = " ".join(f'<a linktype="page" id="{page.pk}">link {kind}</a>' for kind, page in pages.items())
    page = factories.StandardPageFactory(parent=home_page, body=[("paragraph", RichText(f"<p>{links}</p>"))])
    text = client.get(page.url).content.decode()
    assert "link draft" in text
    assert [kind for kind, page in pages.items() if kind != "othersite" and page.slug in text] == []


@pytest.mark.parametrize("name", ["p", "page", "locale", "q", "day", "month"])
@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-pages.xml", "/en/", "/robots.txt"])
def test_bad_parameters_give_a_clear_answer(client, sections, url, name):
    for query in bad_queries(name):
        response = client.get(f"{url}?{query}")
        assert response.status_code in (200, 400, 404), (url, query, response.status_code)


def test_a_sitemap_file_far_beyond_the_last_is_not_found(client, sections):
    assert client.get("/sitemap-pages.xml", {"p": "2"}).status_code == HTTPStatus.NOT_FOUND
    assert client.get("/sitemap-pages.xml", {"p": "1" + "0" * 25}).status_code == HTTPStatus.NOT_FOUND
    # Two numbers alike in their first characters are two files: the kept first does not answer for the second.
    assert client.get("/sitemap-pages.xml", {"p": "0" * 19 + "1"}).status_code == HTTPStatus.OK
    assert client.get("/sitemap-pages.xml", {"p": "0" * 19 + "1" + "0"}).status_code == HTTPStatus.NOT_FOUND


def test_the_page_cache_keeps_an_index_no_longer_than_a_listed_page_lives(client, settings, sections):
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_SECONDS = 300
    organisations = sections["organisations"]
    soon = timezone.now() + datetime.timedelta(seconds=3)
    factories.OrganisationPageFactory(parent=organisations, title="Qzsmexpiring", slug="qzsmexpiring", expire_at=soon)
    first = client.get(organisations.url)
    assert "qzsmexpiring" in first.content.decode().lower()
    assert 0 < int(first["Cache-Control"].split("s-maxage=")[1].split(",")[0]) <= 3
    time.sleep(max(0, (soon - timezone.now()).total_seconds()) + 0.2)
    assert "qzsmexpiring" not in client.get(organisations.url).content.decode().lower()
