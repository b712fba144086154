"""Collections: saved queries listing what matches now, with their feeds."""

import datetime
from http import HTTPStatus

import feedparser
import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from taggit.models import Tag

from events.models import EventPage
from organisations.models import OrganisationPage
from tests import factories
from tests.helpers import make_collection, restrict_to_logged_in_users

pytestmark = pytest.mark.django_db


def days_from_now(days):
    return timezone.now() + datetime.timedelta(days=days)


def listed(collection):
    return [page.title for page in collection.get_matching_pages()]


def test_content_type_and_date_window(home_page, sections):
    events = sections["events"]
    factories.EventPageFactory(parent=events, title="Tomorrow", start=days_from_now(1))
    factories.EventPageFactory(parent=events, title="In two months", start=days_from_now(60))
    factories.EventPageFactory(parent=events, title="Last week", start=days_from_now(-7))
    factories.OrganisationPageFactory(parent=sections["organisations"], title="Fund")

    next_month = make_collection(
        home_page, page_types=[ContentType.objects.get_for_model(EventPage)], date_window="next_30_days"
    )
    past = make_collection(home_page, date_window="past")
    organisations = make_collection(home_page, page_types=[ContentType.objects.get_for_model(OrganisationPage)])

    assert listed(next_month) == ["Tomorrow"]
    assert listed(past) == ["Last week"]
    assert listed(organisations) == ["Fund"]


def test_tags_organisations_and_country(home_page, sections):
    fund = factories.OrganisationPageFactory(parent=sections["organisations"], title="Fund", country="BE")
    concert = factories.EventPageFactory(parent=sections["events"], title="Concert", country="FR")
    factories.EventOrganiserFactory(event=concert, organisation=fund)
    lecture = factories.EventPageFactory(parent=sections["events"], title="Lecture", country="BE")
    lecture.tags.add("pushkin")
    lecture.save_revision().publish()

    assert listed(make_collection(home_page, organisations=[fund], sort_order="title")) == ["Concert", "Fund"]
    assert listed(make_collection(home_page, filter_tags=[Tag.objects.get(name="pushkin")])) == ["Lecture"]
    assert listed(make_collection(home_page, country="BE", sort_order="title")) == ["Fund", "Lecture"]


def test_drafts_private_and_other_site_pages_never_appear(home_page, sections, other_site_calendar):
    factories.EventPageFactory(parent=sections["events"], title="Public")
    factories.EventPageFactory(parent=sections["events"], title="Draft", live=False)
    restrict_to_logged_in_users(factories.EventPageFactory(parent=sections["events"], title="Private"))
    factories.EventPageFactory(parent=other_site_calendar, title="Elsewhere")

    collection = make_collection(home_page, page_types=[ContentType.objects.get_for_model(EventPage)])

    assert listed(collection) == ["Public"]


def test_page_and_feeds(client, home_page, sections):
    for number in range(15):
        factories.EventPageFactory(
            parent=sections["events"], title=f"Event {number:02}", start=days_from_now(number + 1)
        )
    collection = make_collection(home_page, date_window="upcoming", per_page=10)

    first = client.get(collection.get_url())
    second = client.get(collection.get_url(), {"page": 2})
    rss = feedparser.parse(client.get(f"{collection.get_url()}feed/rss/").content)
    atom = feedparser.parse(client.get(f"{collection.get_url()}feed/atom/").content)

    assert first.status_code == HTTPStatus.OK
    assert len(first.context["items"]) == 10
    assert len(second.context["items"]) == 5
    assert 'type="application/rss+xml"' in first.content.decode()
    assert rss.version == "rss20"
    assert [entry.title for entry in rss.entries][:2] == ["Event 00", "Event 01"]
    assert atom.version == "atom10"
    assert len(atom.entries) == 15
