"""A page's cost does not grow with the site: the same queries on 3 items and on 300.

Each surface that lists content (home page, the section indexes, the calendar's
lists and month view, feeds, iCalendar, a collection and its feed, the sitemap
index and a sitemap file)
is requested uncached (the cache cleared first) on a site with 3 items of each
kind, then again after 297 more of each were added.
"""

import datetime
from http import HTTPStatus

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import EventOrganiser, EventPage
from heritage.models import HeritageProjectOrganisation, HeritageProjectPage
from home.models import StandardPage
from jubilees.models import JubileePage
from listings.models import CollectionPage, DateWindow
from organisations.models import OrganisationMembership, OrganisationPage
from tests import factories
from tests.helpers.scale import add_pages

pytestmark = pytest.mark.django_db

URLS = [
    "/en/",
    "/en/events/",
    "/en/events/upcoming/",
    "/en/events/past/",
    "/en/events/month/",
    "/en/events/ical/",
    "/en/events/feed/rss/",
    "/en/events/feed/atom/",
    "/en/organisations/",
    "/en/organisations/?city=City+7",
    "/en/jubilees/",
    "/en/heritage/",
    "/en/coming-events/",
    "/en/coming-events/feed/rss/",
    "/sitemap.xml",
    "/sitemap-pages.xml",
    "/sitemap-pages.xml?p=2",
]


def populate(home_page, sections, start, count):
    """``count`` items of each kind, numbered from ``start``: organisations, events, jubilees, projects, pages."""
    now = timezone.now()
    organisations = add_pages(
        sections["organisations"],
        OrganisationPage,
        count,
        lambda n: {"title": f"Organisation {start + n}", "city": f"City {(start + n) % 50}", "country": "BE"},
    )

    def event(n):
        number = start + n
        begins = now + datetime.timedelta(days=number % 60 - 20, hours=1)
        return {
            "title": f"Event {number}",
            "start": begins,
            "end": begins + datetime.timedelta(hours=2),
            "city": f"City {number % 50}",
            "category": ["concert", "lecture", "festival"][number % 3],
            "recurrence": "FREQ=WEEKLY;COUNT=4" if number % 5 == 0 else "",
        }

    events = add_pages(sections["events"], EventPage, count, event)
    EventOrganiser.objects.bulk_create(
        EventOrganiser(event=event, organisation=organisations[n % len(organisations)], sort_order=0)
        for n, event in enumerate(events)
    )
    add_pages(
        sections["jubilees"],
        JubileePage,
        count,
        lambda n: {
            "title": f"Jubilee {start + n}",
            "date": (now + datetime.timedelta(days=(start + n) % 90 - 30)).date(),
            "anniversary": 25,
            "organisation": organisations[n],
        },
    )
    add_pages(
        sections["heritage"],
        HeritageProjectPage,
        count,
        lambda n: {"title": f"Project {start + n}", "start_year": 1990 + n % 30},
    )
    add_pages(home_page, StandardPage, count, lambda n: {"title": f"Page {start + n}"})


def queries_per_url(client, urls=URLS):
    counts = {}
    for url in urls:
        client.get(url)  # warm what does not depend on the content (site root paths, content types)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == HTTPStatus.OK, (url, response.status_code)
        counts[url] = len(queries)
    return counts


def add_collection(home_page):
    """A collection of the coming events (one page type: a mixed page loads each type it holds)."""
    collection = CollectionPage(title="Coming events", slug="coming-events", date_window=DateWindow.UPCOMING)
    home_page.add_child(instance=collection)
    collection.page_types.set([ContentType.objects.get_for_model(EventPage)])
    collection.save_revision().publish()


def test_every_surface_runs_the_same_queries_on_3_and_on_300_items(client, home_page, sections):
    add_collection(home_page)
    # Two sitemap files from the start: the second is what 300 items fill further.
    add_pages(sections["organisations"], OrganisationPage, 1000, lambda n: {"title": f"Archive {n}"})
    populate(home_page, sections, 0, 3)
    with_three = queries_per_url(client)

    populate(home_page, sections, 3, 297)
    with_three_hundred = queries_per_url(client)

    assert with_three_hundred == with_three


def link_to(organisation, project, sections, start, count):
    """``count`` member organisations and events of ``organisation``, and partners of ``project``."""
    now = timezone.now()
    members = add_pages(sections["organisations"], OrganisationPage, count, lambda n: {"title": f"Member {start + n}"})
    OrganisationMembership.objects.bulk_create(
        OrganisationMembership(member=member, organisation=organisation, sort_order=0) for member in members
    )
    HeritageProjectOrganisation.objects.bulk_create(
        HeritageProjectOrganisation(project=project, organisation=member, sort_order=n)
        for n, member in enumerate(members)
    )
    events = add_pages(
        sections["events"],
        EventPage,
        count,
        lambda n: {
            "title": f"Meeting {start + n}",
            "start": now + datetime.timedelta(days=n % 30, hours=1),
            "end": now + datetime.timedelta(days=n % 30, hours=3),
        },
    )
    EventOrganiser.objects.bulk_create(
        EventOrganiser(event=event, organisation=organisation, sort_order=0) for event in events
    )
    return events


def test_detail_pages_run_the_same_queries_on_3_and_on_300_related_items(client, home_page, sections):
    image = factories.ImageFactory()
    federation = factories.OrganisationPageFactory(
        parent=sections["organisations"], title="Federation", image=image, image_alt="The board"
    )
    project = factories.HeritageProjectPageFactory(
        parent=sections["heritage"], title="Graves", image=image, image_alt="Graves"
    )
    about = factories.StandardPageFactory(parent=home_page, title="About", image=image, image_alt="The office")
    events = link_to(federation, project, sections, 0, 3)
    urls = [federation.url, project.url, about.url, f"/en/events/{events[0].slug}/"]
    with_three = queries_per_url(client, urls)

    link_to(federation, project, sections, 3, 297)
    with_three_hundred = queries_per_url(client, urls)

    assert with_three_hundred == with_three
