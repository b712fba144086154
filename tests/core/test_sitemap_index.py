"""The sitemap is an index of bounded files, kept until the content changes, with conditional GET."""

import xml.etree.ElementTree as ET
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.sitemaps import MultilingualSitemap
from tests import factories

from .test_sitemap import NS, sitemap, sitemap_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_files(monkeypatch):
    monkeypatch.setattr(MultilingualSitemap, "limit", 3)
    return 3


def test_each_file_holds_at_most_the_limit_and_together_every_page_once(client, sections, small_files):
    for number in range(5):
        factories.OrganisationPageFactory(parent=sections["organisations"], title=f"Club {number}")

    files = sitemap_files(client)
    sizes = []
    for address in files:
        root = ET.fromstring(client.get(address).content)
        sizes.append(len(root.findall("s:url", NS)))

    # The home page, four sections and five organisations: ten URLs in four files.
    assert files == ["/sitemap-pages.xml", "/sitemap-pages.xml?p=2", "/sitemap-pages.xml?p=3", "/sitemap-pages.xml?p=4"]
    assert sizes == [3, 3, 3, 1]
    assert len(sitemap(client)) == 10


def test_the_index_gives_each_file_the_date_of_the_last_publication(client, sections):
    organisation = factories.OrganisationPageFactory(parent=sections["organisations"])
    organisation.save_revision().publish()
    organisation.refresh_from_db()

    root = ET.fromstring(client.get("/sitemap.xml").content)

    [lastmod] = [element.text for element in root.findall("s:sitemap/s:lastmod", NS)]
    assert lastmod.startswith(organisation.last_published_at.date().isoformat())


@pytest.mark.parametrize("page", ["9", "0", "abc", "-1", "99999999999999999999"])
def test_a_file_beyond_the_last_or_not_a_number_is_not_found(client, sections, page):
    assert client.get("/sitemap-pages.xml", {"p": page}).status_code == HTTPStatus.NOT_FOUND


def test_an_unknown_section_is_not_found(client, sections):
    assert client.get("/sitemap-everything.xml").status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-pages.xml"])
def test_kept_until_a_publication_and_answered_304_without_a_query(client, sections, url):
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]

    with CaptureQueriesContext(connection) as queries:
        kept = client.get(url)
        not_modified = client.get(url, headers={"if-none-match": first["ETag"]})

    assert len(queries) == 0
    assert kept.content == first.content
    assert kept["Content-Type"].startswith("application/xml")
    assert not_modified.status_code == HTTPStatus.NOT_MODIFIED

    factories.OrganisationPageFactory(parent=sections["organisations"], title="New club").save_revision().publish()
    changed = client.get(url, headers={"if-none-match": first["ETag"]})

    assert changed.status_code == HTTPStatus.OK
    assert changed["ETag"] != first["ETag"]
    if url != "/sitemap.xml":
        assert b"/new-club/" in changed.content
