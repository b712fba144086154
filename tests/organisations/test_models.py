"""Validation of organisations and jubilees, as an editor meets it on save."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from jubilees.models import JubileePage
from organisations.models import OrganisationKind, OrganisationPage
from tests import factories


def validation_errors(page):
    """The field errors ``page.clean()`` raises (the admin form shows these under each field)."""
    with pytest.raises(ValidationError) as raised:
        page.clean()
    return raised.value.message_dict


@pytest.fixture
def union_of_soviet_citizens(sections):
    return factories.OrganisationPageFactory(
        parent=sections["organisations"], title="Union of Soviet Citizens of Belgium", founded_year=1946
    )


class TestJubilee:
    def test_anniversary_left_empty_is_derived_from_the_founding_year(self, union_of_soviet_citizens):
        jubilee = JubileePage(title="70 years", organisation=union_of_soviet_citizens, date=datetime.date(2016, 11, 19))
        jubilee.clean()
        assert jubilee.anniversary == 70

    def test_the_matching_anniversary_is_accepted(self, union_of_soviet_citizens):
        jubilee = JubileePage(
            title="70 years", organisation=union_of_soviet_citizens, date=datetime.date(2016, 11, 19), anniversary=70
        )
        jubilee.clean()
        assert jubilee.anniversary == 70

    def test_an_anniversary_contradicting_the_founding_year_is_refused(self, union_of_soviet_citizens):
        jubilee = JubileePage(
            title="60 years", organisation=union_of_soviet_citizens, date=datetime.date(2016, 11, 19), anniversary=60
        )
        assert validation_errors(jubilee) == {
            "anniversary": [
                "Union of Soviet Citizens of Belgium was founded in 1946: the anniversary celebrated in 2016"
                " is 70 years, not 60."
            ]
        }

    def test_a_jubilee_before_the_founding_is_refused(self, union_of_soviet_citizens):
        jubilee = JubileePage(title="Too early", organisation=union_of_soviet_citizens, date=datetime.date(1946, 5, 1))
        assert "date" in validation_errors(jubilee)

    def test_without_a_founding_year_the_number_must_be_given(self, sections):
        organisation = factories.OrganisationPageFactory(parent=sections["organisations"], founded_year=None)
        jubilee = JubileePage(title="Jubilee", organisation=organisation, date=datetime.date(2016, 1, 1))
        assert validation_errors(jubilee) == {
            "anniversary": ["The organisation has no founding year: give the anniversary number."]
        }
        jubilee.anniversary = 25
        jubilee.clean()

    def test_the_organisation_is_required(self, db):
        jubilee = JubileePage(title="Jubilee", date=datetime.date(2016, 1, 1))
        assert validation_errors(jubilee) == {"organisation": ["Choose the organisation whose jubilee this is."]}

    def test_the_anniversary_follows_the_organisation_in_any_year(self, union_of_soviet_citizens):
        assert union_of_soviet_citizens.anniversary_in(2016) == 70
        assert union_of_soviet_citizens.anniversary_in(1996) == 50
        assert union_of_soviet_citizens.anniversary_in(1946) is None


class TestFounding:
    def test_a_full_founding_date_sets_the_founding_year(self, db):
        organisation = OrganisationPage(title="Federation", founded_date=datetime.date(2009, 3, 14))
        organisation.clean()
        assert organisation.founded_year == 2009
        assert organisation.founded_display == datetime.date(2009, 3, 14)

    def test_a_founding_date_in_another_year_than_the_founding_year_is_refused(self, db):
        organisation = OrganisationPage(title="Federation", founded_year=2008, founded_date=datetime.date(2009, 3, 14))
        assert validation_errors(organisation) == {
            "founded_date": ["The founding date must fall in the founding year."]
        }

    @pytest.mark.parametrize("year", [799, 3000])
    def test_an_implausible_founding_year_is_refused(self, db, year):
        organisation = OrganisationPage(title="Society", founded_year=year)
        assert "founded_year" in validation_errors(organisation)


class TestCouncilTerm:
    def test_a_council_records_its_term(self, db):
        council = OrganisationPage(
            title="Coordination council",
            kind=OrganisationKind.COUNCIL,
            term_years=3,
            term_start=datetime.date(2015, 2, 1),
        )
        council.clean()
        assert council.current_term_end == datetime.date(2018, 2, 1)

    def test_a_term_from_29_february_ends_on_the_28th_in_a_common_year(self, db):
        council = OrganisationPage(
            title="Coordination council",
            kind=OrganisationKind.COUNCIL,
            term_years=3,
            term_start=datetime.date(2016, 2, 29),
        )
        assert council.current_term_end == datetime.date(2019, 2, 28)

    @pytest.mark.parametrize("kind", [kind for kind in OrganisationKind if kind != OrganisationKind.COUNCIL])
    def test_only_councils_have_terms(self, db, kind):
        organisation = OrganisationPage(title="Not a council", kind=kind, term_years=3)
        assert validation_errors(organisation) == {"term_years": ["Only councils have elected terms."]}

    def test_a_term_start_needs_the_term_length(self, db):
        council = OrganisationPage(
            title="Coordination council", kind=OrganisationKind.COUNCIL, term_start=datetime.date(2015, 2, 1)
        )
        assert validation_errors(council) == {
            "term_years": ["Give the length of a term as well as the start of the current one."]
        }


def test_an_organisation_cannot_be_a_member_of_itself(sections):
    federation = factories.OrganisationPageFactory(parent=sections["organisations"], kind=OrganisationKind.FEDERATION)
    membership = federation.memberships.model(member=federation, organisation=federation)
    with pytest.raises(ValidationError) as raised:
        membership.clean()
    assert raised.value.message_dict == {"organisation": ["An organisation cannot be a member of itself."]}
