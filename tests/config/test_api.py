"""Wagtail API v2: type-specific fields, locale and type filters, privacy."""

import datetime
import zoneinfo
from http import HTTPStatus

import pytest
from wagtail.models import Collection, CollectionViewRestriction

from localisation.translation import translate_page
from tests import factories
from tests.helpers import restrict_to_logged_in_users

pytestmark = pytest.mark.django_db


def get(client, url, **query):
    response = client.get(url, query)
    assert response.status_code == HTTPStatus.OK, response.content
    return response.json()


def titles(data):
    return sorted(item["title"] for item in data["items"])


def test_event_fields_and_type_filter(client, sections):
    fund = factories.OrganisationPageFactory(parent=sections["organisations"], title="Pushkin Fund", founded_year=1991)
    start = datetime.datetime(2027, 3, 10, 19, tzinfo=zoneinfo.ZoneInfo("Europe/Brussels"))
    event = factories.EventPageFactory(
        parent=sections["events"], title="Concert", start=start, end=start + datetime.timedelta(hours=2)
    )
    factories.EventOrganiserFactory(event=event, organisation=fund)

    data = get(
        client,
        "/api/v2/pages/",
        type="events.EventPage",
        fields="start,end,city,country,category,venue,recurrence,organisers",
    )

    [item] = data["items"]
    assert item["title"] == "Concert"
    assert datetime.datetime.fromisoformat(item["start"]) == start
    assert item["category"] == "concert"
    assert [organiser["id"] for organiser in item["organisers"]] == [fund.pk]
    organisations = get(client, "/api/v2/pages/", type="organisations.OrganisationPage", fields="founded_year,kind")
    assert organisations["items"][0]["founded_year"] == 1991


def test_jubilee_and_heritage_fields(client, sections):
    fund = factories.OrganisationPageFactory(parent=sections["organisations"], founded_year=1946)
    jubilee = factories.JubileePageFactory(
        parent=sections["jubilees"], organisation=fund, date=datetime.date(2016, 11, 19), anniversary=70
    )
    factories.HeritageProjectPageFactory(parent=sections["heritage"], title="Graves", start_year=2012)

    detail = get(client, f"/api/v2/pages/{jubilee.pk}/")
    heritage = get(client, "/api/v2/pages/", type="heritage.HeritageProjectPage", fields="start_year,place")

    assert detail["anniversary"] == 70
    assert detail["organisation"]["id"] == fund.pk
    assert heritage["items"][0]["start_year"] == 2012


def test_locale_filter(client, home_page, sections):
    event = factories.EventPageFactory(parent=sections["events"], title="Concert")
    translate_page(home_page, "nl", {"title": "Thuis"})
    translate_page(sections["events"], "nl", {"title": "Agenda", "slug": "agenda"})
    translate_page(event, "nl", {"title": "Concert (nl)", "slug": "concert"})

    dutch = get(client, "/api/v2/pages/", type="events.EventPage", locale="nl")
    english = get(client, "/api/v2/pages/", type="events.EventPage", locale="en")

    assert titles(dutch) == ["Concert (nl)"]
    assert titles(english) == ["Concert"]


def test_unknown_type_is_a_client_error(client):
    response = client.get("/api/v2/pages/", {"type": "events.Nothing"})
    assert response.status_code == HTTPStatus.BAD_REQUEST


def test_drafts_private_and_other_site_pages_never_appear(client, sections, other_site_calendar):
    factories.EventPageFactory(parent=sections["events"], title="Public")
    draft = factories.EventPageFactory(parent=sections["events"], title="Draft", live=False)
    private = restrict_to_logged_in_users(factories.EventPageFactory(parent=sections["events"], title="Private"))
    elsewhere = factories.EventPageFactory(parent=other_site_calendar, title="Elsewhere")

    assert titles(get(client, "/api/v2/pages/", type="events.EventPage")) == ["Public"]
    for hidden in (draft, private, elsewhere):
        response = client.get(f"/api/v2/pages/{hidden.pk}/")
        assert response.status_code == HTTPStatus.NOT_FOUND
        assert response["Content-Type"] == "application/json"
        assert hidden.title not in response.content.decode()


def test_images_and_documents_of_restricted_collections_are_left_out(client):
    members = Collection.get_first_root_node().add_child(name="Members")
    CollectionViewRestriction.objects.create(collection=members, restriction_type=CollectionViewRestriction.LOGIN)
    factories.ImageFactory(title="Public photo")
    factories.ImageFactory(title="Members' photo", collection=members)

    assert titles(get(client, "/api/v2/images/")) == ["Public photo"]
    assert get(client, "/api/v2/documents/")["meta"]["total_count"] == 0
