"""The directory's total, offered cities and countries and member counts: read once per content version."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organisations.models import OrganisationMembership
from tests import factories

pytestmark = pytest.mark.django_db


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return response.content.decode(), len(queries)


def test_kept_between_visits_and_rebuilt_after_a_publish(client, sections):
    directory = sections["organisations"]
    federation = factories.OrganisationPageFactory(parent=directory, title="Federation", kind="federation")
    member = factories.OrganisationPageFactory(parent=directory, title="Choir", city="Ghent")
    OrganisationMembership.objects.create(member=member, organisation=federation)
    member.save_revision().publish()

    first_html, first_queries = get(client, directory.url)
    _html, second_queries = get(client, directory.url)
    assert second_queries <= first_queries - 4
    assert "1 of 2 organisations belong to" in " ".join(first_html.split())

    newcomer = factories.OrganisationPageFactory(parent=directory, title="School", city="Liège")
    OrganisationMembership.objects.create(member=newcomer, organisation=federation)
    newcomer.save_revision().publish()

    html, _queries = get(client, directory.url)
    assert "2 of 3 organisations belong to" in " ".join(html.split())
    assert "<option>Liège</option>" in html
