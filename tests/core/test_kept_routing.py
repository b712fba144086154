"""Sites, addresses, locales and view restrictions kept per content version (core/routing.py)."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname

from core.cache import content_cache
from core.routing import _route_key, has_no_view_restriction, site_for_hostname
from tests import factories

pytestmark = pytest.mark.django_db


def status_and_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, len(queries)


def test_a_kept_address_is_routed_in_fewer_queries_and_follows_every_change(client, sections):
    page = factories.OrganisationPageFactory(parent=sections["organisations"], title="School", slug="school")
    first_status, first_queries = status_and_queries(client, page.url)
    second_status, second_queries = status_and_queries(client, page.url)
    assert first_status == second_status == HTTPStatus.OK
    assert second_queries < first_queries

    page.unpublish()
    assert client.get("/en/organisations/school/").status_code == HTTPStatus.NOT_FOUND
    page.save_revision().publish()
    assert client.get("/en/organisations/school/").status_code == HTTPStatus.OK

    page.refresh_from_db()
    page.move(sections["heritage"], pos="last-child")
    # The old address no longer serves the page (the move left a redirect to the new one).
    assert client.get("/en/organisations/school/").status_code != HTTPStatus.OK
    assert client.get("/en/heritage/school/").status_code == HTTPStatus.OK


def test_sub_routes_go_through_the_kept_page(client, sections):
    index = sections["events"]
    factories.EventPageFactory(parent=index, title="Concert")
    assert client.get(index.url).status_code == HTTPStatus.OK
    for path in ("upcoming/", "feed/rss/", "ical/"):
        assert client.get(index.url + path).status_code == HTTPStatus.OK, path
    assert client.get(index.url + "no-such-view/").status_code == HTTPStatus.NOT_FOUND


def test_unknown_addresses_leave_nothing_kept(client, home_page, sections):
    client.get(sections["events"].url)
    for path in ("/en/events/junk/", "/en/events/junk/more/", "/en/nothing-here/"):
        assert client.get(path).status_code == HTTPStatus.NOT_FOUND
    assert content_cache().get(_route_key(home_page, ["events"])) is not None
    for components in (["events", "junk"], ["events", "junk", "more"], ["nothing-here"]):
        assert content_cache().get(_route_key(home_page, components)) is None


def test_a_language_is_routed_from_its_own_home_page(client, home_page, sections, locales):
    french_home = home_page.copy_for_translation(locales["fr"])
    french_home.save_revision().publish()
    with translation.override("fr"):
        assert home_page.localized.pk == french_home.pk
    with translation.override("nl"):
        assert home_page.localized.pk == home_page.pk  # no Dutch translation
    french_home.refresh_from_db()
    french_home.unpublish()
    with translation.override("fr"):
        assert home_page.localized.pk == home_page.pk  # not live


def sites():
    return list(Site.objects.all())


@pytest.mark.parametrize(
    ("hostname", "port"),
    [("localhost", 80), ("example.org", 80), ("example.org", 8080), ("other.example", 80), ("example.net", 443)],
)
def test_the_site_is_chosen_as_wagtail_chooses_it(home_page, hostname, port):
    default = Site.objects.get(is_default_site=True)
    Site.objects.create(hostname="example.org", port=8080, root_page=home_page)
    Site.objects.create(hostname="example.net", port=80, root_page=home_page)
    Site.objects.create(hostname="example.net", port=8000, root_page=home_page)
    try:
        expected = get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        expected = None
    assert site_for_hostname(sites(), hostname, port) == expected
    default.is_default_site = False
    default.save()
    try:
        expected = get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        expected = None
    assert site_for_hostname(sites(), hostname, port) == expected


def test_a_view_restriction_on_an_ancestor_is_known_at_once(client, sections):
    page = factories.OrganisationPageFactory(parent=sections["organisations"], title="School")
    assert has_no_view_restriction(page)
    assert not page.get_view_restrictions().exists()
    assert client.get(page.url).status_code == HTTPStatus.OK

    PageViewRestriction.objects.create(
        page=sections["organisations"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert not has_no_view_restriction(page)
    assert page.get_view_restrictions().count() == 1
    response = client.get(page.url)
    assert b"password" in response.content.lower()
    assert b"<h1>School</h1>" not in response.content


def test_an_alias_anywhere_leaves_the_answer_to_wagtail(sections):
    page = factories.OrganisationPageFactory(parent=sections["organisations"], title="School")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")
    alias = page.create_alias(parent=sections["heritage"], update_slug="school-alias")
    assert not has_no_view_restriction(alias)
    assert alias.get_view_restrictions().count() == 1
