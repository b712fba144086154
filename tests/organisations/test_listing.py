"""The organisation directory, organisation pages and jubilees as a visitor sees them."""

import datetime
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import factories


def count_queries(client, url):
    """Queries of a warm request (renditions and caches already made by a first one)."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return len(queries)


@pytest.fixture
def directory(sections):
    return sections["organisations"]


@pytest.fixture
def federation(directory):
    return factories.OrganisationPageFactory(
        parent=directory, title="Federation of Organisations", kind="federation", founded_year=2009
    )


@pytest.fixture
def network(directory, federation):
    """A federation with two member associations in Brussels and a school in Antwerp outside it."""
    members = [
        factories.OrganisationPageFactory(parent=directory, title="Matryoshka Club", city="Brussels"),
        factories.OrganisationPageFactory(parent=directory, title="Pushkin School", kind="school", city="Antwerp"),
    ]
    for member in members:
        factories.OrganisationMembershipFactory(member=member, organisation=federation)
    factories.OrganisationPageFactory(parent=directory, title="Rodina Centre", kind="cultural_centre", country="NL")
    return members


class TestOrganisationIndex:
    def test_lists_the_organisations(self, directory, network, client):
        response = client.get(directory.url)
        assert response.status_code == HTTPStatus.OK
        for title in ("Federation of Organisations", "Matryoshka Club", "Pushkin School", "Rodina Centre"):
            assert title in response.content.decode()

    def test_drafts_and_private_organisations_are_not_listed(self, directory, network, client):
        draft = factories.OrganisationPageFactory(parent=directory, title="Secret Draft")
        draft.unpublish()
        response = client.get(directory.url)
        assert "Secret Draft" not in response.content.decode()

    def test_membership_figures(self, directory, network, client):
        html = client.get(directory.url).content.decode()
        assert "2 of 4 organisations belong to" in html
        assert "Federation of Organisations</a>" in html

    def test_membership_counts_members_in_the_listing_only(self, directory, network, federation):
        network[0].unpublish()
        figures = list(directory.membership_figures(type(federation).objects.child_of(directory).visible()))
        assert [(f.title, f.member_count) for f in figures] == [("Federation of Organisations", 1)]

    @pytest.mark.parametrize(
        ("query", "shown", "hidden"),
        [
            ("kind=school", ["Pushkin School"], ["Matryoshka Club", "Rodina Centre"]),
            ("city=Antwerp", ["Pushkin School"], ["Matryoshka Club"]),
            ("country=NL", ["Rodina Centre"], ["Pushkin School", "Matryoshka Club"]),
            ("kind=association&city=Brussels", ["Matryoshka Club"], ["Pushkin School", "Rodina Centre"]),
        ],
    )
    def test_filters(self, directory, network, client, query, shown, hidden):
        response = client.get(f"{directory.url}?{query}")
        listing = response.content.decode().split('id="results"')[1]
        for title in shown:
            assert title in listing
        for title in hidden:
            assert title not in listing

    def test_filter_form_shows_countries_by_name(self, directory, network, client):
        html = client.get(directory.url).content.decode()
        assert '<option value="NL">Netherlands</option>' in html
        assert '<option value="BE">Belgium</option>' in html

    @pytest.mark.parametrize(
        "query", ["kind=castle", "city=Atlantis", "country=ZZ", "page=abc", "page=9999", "page=-1", "kind=&page="]
    )
    def test_bad_filter_values_are_ignored(self, directory, network, client, query):
        response = client.get(f"{directory.url}?{query}")
        assert response.status_code == HTTPStatus.OK
        assert "Matryoshka Club" in response.content.decode()

    def test_pagination_keeps_the_filters(self, directory, client):
        for number in range(directory.PER_PAGE + 1):
            factories.OrganisationPageFactory(parent=directory, title=f"Club {number:02d}", city="Ghent")
        html = client.get(f"{directory.url}?city=Ghent").content.decode()
        assert 'href="?city=Ghent&amp;page=2"' in html
        last_page = client.get(f"{directory.url}?city=Ghent&page=9999").content.decode()
        assert "Club 12" in last_page.split('id="results"')[1]

    def test_runs_a_fixed_number_of_queries(self, directory, federation, client):
        def add_organisations(count):
            for _number in range(count):
                member = factories.OrganisationPageFactory(
                    parent=directory, image=factories.ImageFactory(), image_alt="Logo"
                )
                factories.OrganisationMembershipFactory(member=member, organisation=federation)

        add_organisations(5)
        with_five = count_queries(client, directory.url)
        add_organisations(45)
        assert count_queries(client, directory.url) == with_five


class TestOrganisationPage:
    def test_renders_its_facts_and_relations(self, sections, network, federation, client):
        member = network[0]
        member.website = "https://matryoshka.example.org"
        member.email = "club@example.org"
        member.save_revision().publish()
        factories.JubileePageFactory(
            parent=sections["jubilees"],
            title="Thirty years of the club",
            organisation=member,
            date=datetime.date(2020, 5, 1),
        )
        response = client.get(member.url)
        assert response.status_code == HTTPStatus.OK
        html = response.content.decode()
        assert "Belgium" in html  # the country by name, not "BE"
        assert "https://matryoshka.example.org" in html and "mailto:club@example.org" in html
        assert "Federation of Organisations" in html  # member of
        assert "Thirty years of the club" in html

    def test_federation_lists_its_members(self, network, federation, client):
        html = client.get(federation.url).content.decode()
        assert "Matryoshka Club" in html and "Pushkin School" in html
        assert "Rodina Centre" not in html

    def test_council_shows_its_term(self, directory, client):
        council = factories.OrganisationPageFactory(
            parent=directory,
            title="Coordination Council",
            kind="council",
            term_years=3,
            term_start=datetime.date(2021, 5, 1),
        )
        html = client.get(council.url).content.decode()
        assert "Members are elected every 3 years." in html
        assert "Current term: 2021–2024." in html


class TestJubilees:
    @pytest.fixture
    def jubilees(self, sections):
        index = sections["jubilees"]
        soon = timezone.localdate() + datetime.timedelta(days=10)
        school = factories.OrganisationPageFactory(
            parent=sections["organisations"], title="Pushkin School", founded_year=soon.year - 20
        )
        factories.JubileePageFactory(
            parent=index, title="Long ago", organisation=school, date=datetime.date(soon.year - 5, 1, 1)
        )
        factories.JubileePageFactory(parent=index, title="Soon", organisation=school, date=soon, anniversary=20)
        return index

    def test_index_lists_coming_jubilees_before_past_ones(self, jubilees, client):
        response = client.get(jubilees.url)
        assert response.status_code == HTTPStatus.OK
        html = response.content.decode()
        assert html.index("Soon") < html.index("Long ago")
        assert "20 years" in html

    def test_index_with_bad_page_is_ok(self, jubilees, client):
        assert client.get(f"{jubilees.url}?page=abc").status_code == HTTPStatus.OK

    def test_jubilee_page_shows_organisation_and_anniversary(self, jubilees, client):
        jubilee = jubilees.get_children().get(title="Soon").specific
        html = client.get(jubilee.url).content.decode()
        assert "Pushkin School" in html
        assert "20 years" in html


def test_a_city_filter_holding_control_characters_is_ignored(client, network, directory):
    response = client.get(directory.url, {"city": "\x00\r\n\x1b[31m"})
    assert response.status_code == 200
