"""API v2 fields: related pages in the page's own language, countries, expired pages, bulk reads."""

import datetime
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from organisations.models import OrganisationMembership
from tests import factories

pytestmark = pytest.mark.django_db


def get(client, url, **query):
    response = client.get(url, query)
    assert response.status_code == HTTPStatus.OK, response.content
    return response.json()


@pytest.fixture
def russian(home_page, sections, translate):
    """The home page, events and organisations sections in Russian."""
    translate(home_page, "ru", {"title": "Главная", "slug": "home"})
    return {
        name: translate(sections[name], "ru", {"title": title, "slug": slug})
        for name, title, slug in [("events", "События", "sobytiya"), ("organisations", "Организации", "organizatsii")]
    }


def test_a_russian_page_links_to_the_russian_translations(client, sections, russian, translate):
    federation = factories.OrganisationPageFactory(parent=sections["organisations"], title="Coordination Council")
    school = factories.OrganisationPageFactory(parent=sections["organisations"], title="Bruges School")
    member = factories.OrganisationPageFactory(parent=sections["organisations"], title="Choir")
    OrganisationMembership.objects.create(member=member, organisation=federation)
    OrganisationMembership.objects.create(member=member, organisation=school)
    event = factories.EventPageFactory(parent=sections["events"], title="Concert")
    factories.EventOrganiserFactory(event=event, organisation=federation)
    russian_federation = translate(federation, "ru", {"title": "Координационный совет", "slug": "sovet"})
    russian_member = translate(member, "ru", {"title": "Хор", "slug": "hor"})
    russian_event = translate(event, "ru", {"title": "Концерт", "slug": "kontsert"})

    memberships = get(client, f"/api/v2/pages/{russian_member.pk}/")["memberships"]
    organisers = get(client, "/api/v2/pages/", type="events.EventPage", locale="ru", fields="organisers")

    # The school has no Russian page: its English one stands in, and says so.
    assert [(page["id"], page["title"], page["meta"]["locale"]) for page in memberships] == [
        (russian_federation.pk, "Координационный совет", "ru"),
        (school.pk, "Bruges School", "en"),
    ]
    assert memberships[0]["meta"]["html_url"].endswith("/ru/organizatsii/sovet/")
    assert memberships[0]["meta"]["detail_url"].endswith(f"/api/v2/pages/{russian_federation.pk}/")
    assert [page["id"] for page in organisers["items"][0]["organisers"]] == [russian_federation.pk]
    assert "Координационный совет" in client.get(russian_event.url).content.decode()
    assert "Координационный совет" in client.get(russian_member.url).content.decode()


@pytest.mark.parametrize(
    ("factory", "section", "page_type"),
    [
        (factories.EventPageFactory, "events", "events.EventPage"),
        (factories.OrganisationPageFactory, "organisations", "organisations.OrganisationPage"),
        (factories.HeritageProjectPageFactory, "heritage", "heritage.HeritageProjectPage"),
    ],
)
def test_country_is_its_code_or_null(client, sections, factory, section, page_type):
    without = factory(parent=sections[section], country="")
    factory(parent=sections[section], country="BE")

    listing = get(client, "/api/v2/pages/", type=page_type, fields="*")

    assert get(client, f"/api/v2/pages/{without.pk}/")["country"] is None
    assert sorted(item["country"] or "" for item in listing["items"]) == ["", "BE"]


def test_expired_pages_are_neither_listed_nor_found(client, sections):
    expired = factories.EventPageFactory(
        parent=sections["events"], title="Expired", expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    factories.EventPageFactory(parent=sections["events"], title="Current")

    listing = get(client, "/api/v2/pages/", type="events.EventPage")

    assert [item["title"] for item in listing["items"]] == ["Current"]
    assert client.get(f"/api/v2/pages/{expired.pk}/").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/api/v2/pages/", {"child_of": expired.pk}).status_code == HTTPStatus.BAD_REQUEST


def test_a_listing_reads_relations_in_bulk(client, sections):
    """The queries of a listing with every field do not grow with its pages or their organisers."""

    def listing_queries(events):
        for _event in range(events):
            event = factories.EventPageFactory(parent=sections["events"])
            for _organiser in range(2):
                organisation = factories.OrganisationPageFactory(parent=sections["organisations"])
                factories.EventOrganiserFactory(event=event, organisation=organisation)
        get(client, "/api/v2/pages/", type="events.EventPage", fields="*")  # caches filled
        with CaptureQueriesContext(connection) as queries:
            data = get(client, "/api/v2/pages/", type="events.EventPage", fields="*")
        assert all(len(item["organisers"]) == 2 for item in data["items"])
        return len(queries)

    few = listing_queries(1)
    many = listing_queries(4)

    assert many == few
