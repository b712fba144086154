"""Every absolute link starts with the Site's address, whichever host name the request came by.

The demo is reached as ``127.0.0.1:8000`` and as ``localhost:8000``; its canonical
links, ``og:url`` and ``og:image``, hreflang alternates (of pages and of the
search page), robots.txt's sitemap and the sitemap itself all name the Site's
one address (core/site_address.py).
"""

import re

import pytest
from wagtail.models import Site

from tests import factories

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


@pytest.fixture
def served_site(home_page):
    Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port=8000)
    return factories.StandardPageFactory(
        parent=home_page, title="About us", image=factories.ImageFactory(), image_alt="The board"
    )


def absolute_links(html):
    links = re.findall(r'<link rel="(?:canonical|alternate)"[^>]* href="(http[^"]+)"', html)
    links += re.findall(r'<meta property="og:(?:url|image)" content="(http[^"]+)"', html)
    return links


@pytest.mark.parametrize("host", ["localhost:8000", "127.0.0.1:8000"])
def test_a_pages_absolute_links_name_the_site_whatever_the_host(client, served_site, host):
    html = client.get(served_site.url, HTTP_HOST=host).content.decode()
    links = absolute_links(html)
    assert len(links) >= 4  # canonical, og:url, og:image, hreflang (en and x-default)
    assert all(link.startswith(SITE + "/") for link in links), links


def test_the_search_pages_alternates_name_the_site(client, served_site):
    html = client.get("/fr/search/", HTTP_HOST="localhost:8000").content.decode()
    alternates = re.findall(r'<link rel="alternate" hreflang="[\w-]+" href="([^"]+)"', html)
    assert alternates
    assert all(link.startswith(SITE + "/") for link in alternates), alternates


def test_robots_txt_and_the_sitemap_name_the_site(client, served_site):
    robots = client.get("/robots.txt", HTTP_HOST="localhost:8000").content.decode()
    assert f"Sitemap: {SITE}/sitemap.xml" in robots.splitlines()
    sitemap = client.get("/sitemap.xml", HTTP_HOST="localhost:8000").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations
    assert all(location.startswith(SITE + "/") for location in locations), locations
