"""The calendar's filter offer (years, categories, organisers, cities) is read once per content version."""

import datetime
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import EventOrganiser
from tests import factories

pytestmark = pytest.mark.django_db


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return response.content.decode(), len(queries)


def soon(days=3):
    return timezone.now() + datetime.timedelta(days=days)


def test_kept_between_requests_and_rebuilt_after_a_publish(client, make_event, sections):
    make_event(title="Choir", start=soon(), city="Ghent")
    first_html, first_queries = get(client, "/en/events/")
    _html, second_queries = get(client, "/en/events/")
    # Calendar years, categories, organisers and cities: kept.
    assert second_queries <= first_queries - 4
    assert '<option value="Ghent">Ghent</option>' in first_html

    event = make_event(title="Lecture", start=soon(5), city="Liège")
    club = factories.OrganisationPageFactory(parent=sections["organisations"], title="Reading club")
    EventOrganiser.objects.create(event=event, organisation=club)
    event.save_revision().publish()

    html, _queries = get(client, "/en/events/")
    assert '<option value="Liège">Liège</option>' in html
    assert f'<option value="{club.pk}">Reading club</option>' in html


def test_an_organiser_not_offered_still_filters_and_is_shown_selected(client, make_event, sections):
    past = make_event(title="Long ago", start=soon(-90), city="Old town")
    retired = factories.OrganisationPageFactory(parent=sections["organisations"], title="Retired")
    EventOrganiser.objects.create(event=past, organisation=retired)
    past.save_revision().publish()
    get(client, "/en/events/")  # the offer is kept without the retired organiser

    html, _queries = get(client, f"/en/events/past/?organiser={retired.pk}")
    assert f'<option value="{retired.pk}" selected>Retired</option>' in html
    assert "Long ago" in html
