"""Cooperation protocols: "N of M carried out" and the comparison of years."""

from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError

from cooperation.models import CooperationIndexPage, CooperationParty, CooperationProtocolPage, JointActivity
from tests import factories
from tests.helpers import restrict_to_logged_in_users

pytestmark = pytest.mark.django_db


@pytest.fixture
def cooperation_index(home_page):
    index = CooperationIndexPage(title="Cooperation", slug="cooperation")
    home_page.add_child(instance=index)
    return index


def make_protocol(index, year, carried_out, planned, **kwargs):
    protocol = CooperationProtocolPage(title=f"Protocol {year}", slug=f"protocol-{year}", year=year, **kwargs)
    protocol.activities = [
        JointActivity(title=f"Activity {number}", carried_out=number < carried_out) for number in range(planned)
    ]
    index.add_child(instance=protocol)
    return protocol


def test_protocol_page_shows_parties_activities_and_progress(client, cooperation_index, sections):
    fund = factories.OrganisationPageFactory(parent=sections["organisations"], title="Pushkin Fund")
    concert = factories.EventPageFactory(parent=sections["events"], title="Joint concert")
    protocol = make_protocol(cooperation_index, 2016, carried_out=2, planned=3)
    CooperationParty.objects.create(protocol=protocol, organisation=fund)
    JointActivity.objects.filter(protocol=protocol, title="Activity 0").update(linked_page=concert)

    response = client.get(protocol.get_url())

    content = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "2 of 3 carried out" in content
    assert "Pushkin Fund" in content
    assert 'href="/en/events/joint-concert/"' in content


def test_index_compares_the_years_without_hidden_protocols(client, cooperation_index):
    make_protocol(cooperation_index, 2015, carried_out=80, planned=100)
    make_protocol(cooperation_index, 2016, carried_out=112, planned=130)
    draft = make_protocol(cooperation_index, 2017, carried_out=1, planned=1)
    draft.unpublish()
    restrict_to_logged_in_users(make_protocol(cooperation_index, 2014, carried_out=1, planned=1))

    response = client.get(cooperation_index.get_url())

    rows = [(p.year, p.carried_out, p.planned) for p in response.context["protocols"]]
    assert rows == [(2016, 112, 130), (2015, 80, 100)]
    assert response.context["most_carried_out"] == 112
    assert "86%" in response.content.decode()


def test_year_and_signing_date_are_validated(cooperation_index):
    protocol = make_protocol(cooperation_index, 2016, carried_out=0, planned=0)
    protocol.year = 1066
    with pytest.raises(ValidationError) as error:
        protocol.full_clean()
    assert "year" in error.value.message_dict
