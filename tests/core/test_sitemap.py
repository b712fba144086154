"""/sitemap.xml: an index of sitemap files with hreflang alternates, and robots.txt pointing to it."""

import xml.etree.ElementTree as ET
from http import HTTPStatus
from urllib.parse import urlsplit

import pytest

from localisation.translation import translate_page
from tests import factories
from tests.helpers import restrict_to_logged_in_users

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def sitemap_files(client):
    """The addresses (path and query) of the files the index lists."""
    response = client.get("/sitemap.xml")
    assert response.status_code == HTTPStatus.OK
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    locations = [urlsplit(element.find("s:loc", NS).text) for element in root.findall("s:sitemap", NS)]
    return [location.path + (f"?{location.query}" if location.query else "") for location in locations]


def sitemap(client):
    """Every URL of every file the index lists, with its alternates."""
    urls = {}
    for address in sitemap_files(client):
        response = client.get(address)
        assert response.status_code == HTTPStatus.OK
        root = ET.fromstring(response.content)
        for url in root.findall("s:url", NS):
            links = {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)}
            urls[url.find("s:loc", NS).text] = links
    return urls


def test_every_public_page_in_every_language_with_alternates(client, home_page, sections):
    organisation = factories.OrganisationPageFactory(parent=sections["organisations"], title="Pushkin Fund")
    translate_page(home_page, "nl", {"title": "Thuis"})
    translate_page(sections["organisations"], "nl", {"title": "Organisaties", "slug": "organisaties"})
    translate_page(organisation, "nl", {"title": "Poesjkinfonds", "slug": "poesjkinfonds"})

    urls = sitemap(client)

    english = "http://localhost/en/organisations/pushkin-fund/"
    dutch = "http://localhost/nl/organisaties/poesjkinfonds/"
    assert english in urls
    assert dutch in urls
    assert urls[english] == {"en": english, "nl": dutch, "x-default": english}
    assert urls[dutch] == urls[english]
    assert "http://localhost/en/" in urls
    assert "http://localhost/nl/" in urls
    # A page with no translation has no alternates.
    assert urls["http://localhost/en/events/"] == {}


def test_drafts_private_and_other_site_pages_are_left_out(client, sections, other_site_calendar):
    factories.OrganisationPageFactory(parent=sections["organisations"], title="Draft", live=False)
    private = factories.OrganisationPageFactory(parent=sections["organisations"], title="Private")
    restrict_to_logged_in_users(private)
    factories.EventPageFactory(parent=other_site_calendar, title="Elsewhere")

    locations = " ".join(sitemap(client))

    assert "/draft/" not in locations
    assert "/private/" not in locations
    assert "elsewhere" not in locations
    assert "other-events" not in locations


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    # The index: one address, whatever the number of files.
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
