"""The calendar's filters offer what upcoming events use, most used first, a bounded number of each."""

import datetime
from http import HTTPStatus

import pytest
from django.utils import timezone

from events.filters import MAX_CHOICES, EventFilterForm
from events.models import EventOrganiser, EventPage
from organisations.models import OrganisationPage
from tests import factories
from tests.helpers.scale import add_pages

pytestmark = pytest.mark.django_db


def days_from_now(days):
    return timezone.now() + datetime.timedelta(days=days)


def event_fields(city, category, days=5):
    start = days_from_now(days)
    return {"start": start, "end": start + datetime.timedelta(hours=2), "city": city, "category": category}


@pytest.fixture
def crowded_calendar(calendar, sections):
    """Upcoming events in more cities and by more organisers than the filters offer; 'Town 0' is the busiest."""
    towns = MAX_CHOICES + 11  # odd: the odd-numbered events reach every town
    events = add_pages(
        calendar,
        EventPage,
        4 * towns,
        lambda n: event_fields(f"Town {n % towns if n % 2 else 0}", category="lecture" if n % 3 else "festival"),
    )
    organisations = add_pages(sections["organisations"], OrganisationPage, towns, lambda n: {"title": f"Club {n}"})
    # Club 0 organises the most, then Club 1...
    EventOrganiser.objects.bulk_create(
        EventOrganiser(event=event, organisation=organisations[n % towns if n % 2 else 0], sort_order=0)
        for n, event in enumerate(events)
    )
    # Past events only: their city and organiser are not offered.
    past = factories.EventPageFactory(parent=calendar, title="Long ago", city="Old town", start=days_from_now(-90))
    EventOrganiser.objects.create(
        event=past, organisation=factories.OrganisationPageFactory(parent=sections["organisations"], title="Retired")
    )
    return organisations


def choices(form, name):
    return [label for value, label in form.fields[name].choices if value != ""]


def test_organisers_and_cities_of_upcoming_events_most_used_first_and_bounded(crowded_calendar, calendar):
    form = EventFilterForm({}, calendar)

    cities, organisers = choices(form, "city"), choices(form, "organiser")
    assert len(cities) == MAX_CHOICES
    assert len(organisers) == MAX_CHOICES
    assert cities[0] == "Town 0"
    assert organisers[0] == "Club 0"
    assert "Old town" not in cities
    assert "Retired" not in organisers
    # Categories: those of upcoming events first, by use; then the rest of the fixed list.
    assert choices(form, "category")[:2] == ["Lecture", "Festival"]


def test_a_value_not_offered_still_filters_when_it_exists(client, crowded_calendar, calendar):
    retired = OrganisationPage.objects.get(title="Retired")

    by_city = client.get("/en/events/past/", {"city": "Old town"})
    by_organiser = client.get("/en/events/past/", {"organiser": retired.pk})

    for response in (by_city, by_organiser):
        assert response.status_code == HTTPStatus.OK
        html = response.content.decode()
        assert "Long ago" in html
        assert " selected>" in html
    assert '<option value="Old town" selected>' in by_city.content.decode()


def test_the_filter_form_stays_small_however_many_events(client, crowded_calendar):
    html = client.get("/en/events/").content.decode()

    form = html[html.index('class="filters"') : html.index("</form>")]
    assert form.count("<option") <= 2 * (MAX_CHOICES + 1) + 9


@pytest.fixture
def directory(sections):
    return sections["organisations"]


def test_organisation_directory_offers_the_most_used_cities_and_any_existing_one(client, directory):
    from organisations.models import OrganisationIndexPage

    bound = OrganisationIndexPage.MAX_FILTER_CHOICES
    add_pages(directory, OrganisationPage, 2 * bound + 10, lambda n: {"city": f"Town {min(n, n % (bound + 10))}"})

    html = client.get(directory.url).content.decode()
    city_select = html[html.index('name="city"') : html.index("</select>", html.index('name="city"'))]
    assert city_select.count("<option") == bound + 1
    assert "<option>Town 0</option>" in city_select

    rare = client.get(directory.url, {"city": f"Town {bound + 9}"}).content.decode()
    assert f"<option selected>Town {bound + 9}</option>" in rare
    assert "1 organisation" in rare
