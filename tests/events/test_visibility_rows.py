"""The calendar's row-read surfaces show no page a visitor may not see, and refuse bad parameters with a 4xx.

The lists, the month view and its day agenda, iCalendar, RSS and Atom and the
filter offers read events as rows (events.month_view, events.ical,
events.feeds, events.filters): each kind of hidden event and organiser
(tests/helpers/hidden_pages.py) stays out, also from an answer kept before
the page was hidden or expired.
"""

import time
from http import HTTPStatus
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from events.filters import format_month, site_time_zone
from events.models import EventPage
from organisations.models import OrganisationPage
from tests import factories
from tests.helpers.hidden_pages import bad_queries, draft_translation, make_hidden_pages, shown

pytestmark = pytest.mark.django_db

SURFACES = ("", "upcoming/", "past/", "month/", "ical/", "feed/rss/", "feed/atom/")


def month_of(event):
    return format_month(timezone.localtime(event.start, site_time_zone()).date())


def texts(client, calendar, event, status=HTTPStatus.OK):
    """Every surface of ``calendar`` (the month view at ``event``'s month, and its day), by address."""
    month = month_of(event)
    day = timezone.localtime(event.start, site_time_zone()).date().isoformat()
    urls = [calendar.url + surface for surface in SURFACES]
    urls += [f"{calendar.url}month/?month={month}", f"{calendar.url}month/?month={month}&day={day}"]
    urls += [f"{calendar.url}ical/?month={month}", f"{calendar.url}feed/rss/?month={month}"]
    answers = {url: client.get(url) for url in urls}
    assert {url: answer.status_code for url, answer in answers.items() if answer.status_code != status} == {}
    return {url: answer.content.decode() for url, answer in answers.items()}


@pytest.fixture
def public_event(calendar, sections):
    organiser = factories.OrganisationPageFactory(parent=sections["organisations"], title="Qzorpublic")
    event = factories.EventPageFactory(parent=calendar, title="Qzevpublic", slug="qzevpublic", city="Qzevpubliccity")
    factories.EventOrganiserFactory(event=event, organisation=organiser)
    return event


@pytest.fixture
def hidden(calendar, sections, public_event):
    """Hidden events of every kind in the calendar, and hidden organisers of the public event."""
    events = make_hidden_pages(calendar, factories.EventPageFactory, "qzev", category="lecture")
    for page in events.values():
        EventPage.objects.filter(pk=page.pk).update(city=f"{page.slug}city")
        factories.EventOrganiserFactory(event=page, organisation=public_event.organisers.get().organisation)
    organisers = make_hidden_pages(sections["organisations"], factories.OrganisationPageFactory, "qzor")
    for page in organisers.values():
        OrganisationPage.objects.filter(pk=page.pk).update(city=f"{page.slug}city")
        factories.EventOrganiserFactory(event=public_event, organisation=page)
    return {**events, **{f"organiser {kind}": page for kind, page in organisers.items()}}


def leaks(answers, pages):
    return {url: found for url, text in answers.items() if (found := shown(text, pages))}


def test_no_hidden_event_or_organiser_shows_on_any_surface(client, calendar, public_event, hidden):
    answers = texts(client, calendar, public_event)
    assert all("Qzevpublic" in text for url, text in answers.items() if "past/" not in url)
    assert leaks(answers, hidden.values()) == {}
    # The filter offers the public organiser and city only.
    assert "Qzorpublic" in answers[calendar.url]
    assert "Qzevpubliccity" in answers[calendar.url]


def test_a_hidden_organiser_asked_for_by_its_id_is_not_offered(client, calendar, public_event, hidden):
    for kind, page in hidden.items():
        asked = f"{page.slug}city"
        response = client.get(calendar.url, {"organiser": page.pk, "city": asked})
        assert response.status_code == HTTPStatus.OK, kind
        # The city asked for may be echoed in the address of the page's links; nothing else of it.
        text = response.content.decode().lower().replace(asked, "")
        assert shown(text, hidden.values()) == [], kind


def test_the_event_pages_show_no_hidden_organiser(client, public_event, hidden):
    for url in (public_event.url, public_event.url + "ical/"):
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK
        assert shown(response.content.decode(), hidden.values()) == []


def test_no_hidden_event_is_served_nor_its_calendar_file(client, hidden):
    for kind, page in hidden.items():
        if kind.startswith("organiser") or kind == "othersite":
            continue
        for url in (page.url, page.url + "ical/"):
            response = client.get(url)
            # A password form names the address it returns to; nothing else of the page.
            text = response.content.decode().lower().replace(urlsplit(page.url).path.lower(), "")
            assert response.status_code != HTTPStatus.OK or shown(text, [page]) == [], url


def test_calendars_that_are_hidden_or_under_a_hidden_section_serve_none_of_their_events(client, home_page):
    calendars = make_hidden_pages(
        home_page,
        factories.EventIndexPageFactory,
        "qzcal",
        kinds=("draft", "login", "password", "childofprivate", "childofdraft"),
    )
    events = [
        factories.EventPageFactory(parent=calendar, title=f"Qzcalevent{kind}") for kind, calendar in calendars.items()
    ]
    for calendar in calendars.values():
        for surface in SURFACES:
            response = client.get(calendar.url + surface)
            text = response.content.decode().lower()
            assert [event.title for event in events if event.title.lower() in text] == [], calendar.url + surface


def test_a_draft_translation_shows_on_no_surface_of_the_translated_calendar(
    client, home_page, calendar, public_event, translate
):
    translate(home_page, "fr", {"title": "Accueil", "slug": "accueil"})
    french_calendar = translate(calendar, "fr", {"title": "Agenda", "slug": "agenda"})
    draft = draft_translation(public_event, "fr", "qzevtranslation")
    answers = texts(client, french_calendar, public_event)
    assert leaks(answers, [draft]) == {}


def test_an_event_hidden_after_its_surfaces_were_kept_leaves_them(client, calendar, public_event):
    assert leaks(texts(client, calendar, public_event), [public_event])  # shown, and now kept
    public_event.unpublish()
    assert leaks(texts(client, calendar, public_event), [public_event]) == {}
    public_event.save_revision().publish()
    assert leaks(texts(client, calendar, public_event), [public_event])
    calendar.unpublish()  # the calendar alone: its events stay live
    for url in (public_event.url, public_event.url + "ical/"):
        assert client.get(url).status_code == HTTPStatus.NOT_FOUND


def test_an_organiser_hidden_after_the_offer_was_kept_leaves_it(client, calendar, public_event):
    organiser = public_event.organisers.get().organisation
    assert "Qzorpublic" in client.get(calendar.url).content.decode()
    organiser.unpublish()
    assert "Qzorpublic" not in client.get(calendar.url).content.decode()


def test_an_event_expiring_after_its_surfaces_were_kept_leaves_them_when_it_expires(client, calendar, public_event):
    organiser = public_event.organisers.get().organisation
    soon = timezone.now() + timezone.timedelta(seconds=3)
    EventPage.objects.filter(pk=public_event.pk).update(expire_at=soon)
    OrganisationPage.objects.filter(pk=organiser.pk).update(expire_at=soon)
    factories.EventPageFactory(parent=calendar, title="Qzevother")  # moves the content version on
    assert leaks(texts(client, calendar, public_event), [public_event])
    etags = {surface: client.get(calendar.url + surface)["ETag"] for surface in ("ical/", "feed/rss/")}
    time.sleep(max(0, (soon - timezone.now()).total_seconds()) + 0.2)
    assert leaks(texts(client, calendar, public_event), [public_event, organiser]) == {}
    # A subscriber holding the feed from before the expiry gets the new one, not a 304.
    for surface, etag in etags.items():
        response = client.get(calendar.url + surface, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == HTTPStatus.OK, surface
        assert shown(response.content.decode(), [public_event]) == [], surface


PARAMETERS = ("page", "month", "day", "days_back", "days_ahead", "category", "organiser", "city", "locale", "group")


@pytest.mark.parametrize("name", PARAMETERS)
@pytest.mark.parametrize("surface", SURFACES)
def test_bad_parameters_give_a_clear_answer(client, calendar, public_event, surface, name):
    for query in bad_queries(name):
        response = client.get(f"{calendar.url}{surface}?{query}")
        assert response.status_code in (200, 400, 404), (surface, query, response.status_code)


@pytest.mark.parametrize("surface", ["month/", ""])
def test_a_page_far_beyond_the_end_gives_a_page(client, calendar, public_event, surface):
    month = month_of(public_event)
    for page in ("2", "99999", "9" * 30):
        response = client.get(f"{calendar.url}{surface}", {"month": month, "page": page})
        assert response.status_code in (200, 404), page
