"""Round anniversaries derived from founding years, the dashboard panel and its button."""

import datetime
from http import HTTPStatus

import pytest
from django.utils import timezone

from jubilees.models import JubileePage
from jubilees.rules import coming_round_anniversaries, is_round_anniversary
from tests import factories


@pytest.mark.parametrize("years", [10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 100, 125, 150, 175, 200])
def test_round_anniversaries(years):
    assert is_round_anniversary(years)


@pytest.mark.parametrize("years", [1, 5, 15, 35, 45, 65, 85, 95, 105, 110, 120, 130])
def test_other_anniversaries_are_not_round(years):
    assert not is_round_anniversary(years)


def test_with_a_founding_year_the_whole_anniversary_year_counts():
    today = datetime.date(2026, 11, 22)
    # 18 months ahead is May 2028: 2026, 2027 and 2028 are in the window.
    assert [(a.years, a.year, a.date) for a in coming_round_anniversaries(1944, None, today)] == []
    assert [(a.years, a.year) for a in coming_round_anniversaries(1956, None, today)] == [(70, 2026)]
    assert [(a.years, a.year) for a in coming_round_anniversaries(2003, None, today)] == [(25, 2028)]
    assert [(a.years, a.year) for a in coming_round_anniversaries(1927, None, today)] == [(100, 2027)]
    assert coming_round_anniversaries(None, None, today) == []


def test_with_a_founding_date_only_dates_inside_the_next_18_months_count():
    today = datetime.date(2026, 11, 22)

    inside = coming_round_anniversaries(1977, datetime.date(1977, 5, 22), today)
    past_this_year = coming_round_anniversaries(1976, datetime.date(1976, 3, 1), today)
    too_far = coming_round_anniversaries(2008, datetime.date(2008, 6, 1), today)
    leap_day = coming_round_anniversaries(1928, datetime.date(1928, 2, 29), today)

    assert [(a.years, a.date) for a in inside] == [(50, datetime.date(2027, 5, 22))]
    assert past_this_year == []
    assert too_far == []  # 20 years on 1 June 2028, after 22 May 2028
    assert [(a.years, a.date) for a in leap_day] == [(100, datetime.date(2028, 2, 29))]


@pytest.fixture
def admin_client(client, db):
    user = factories.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    return client


def test_dashboard_panel_lists_coming_jubilees_with_a_create_button(admin_client, sections):
    this_year = timezone.localdate().year
    factories.OrganisationPageFactory(parent=sections["organisations"], title="Union", founded_year=this_year + 1 - 50)
    factories.OrganisationPageFactory(parent=sections["organisations"], title="Choir", founded_year=this_year - 3)

    response = admin_client.get("/admin/")

    content = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Upcoming jubilees" in content
    assert "Union" in content
    assert "Choir" not in content
    assert "Create the jubilee page" in content


def test_create_button_makes_a_draft_jubilee_and_opens_the_editor(admin_client, sections):
    this_year = timezone.localdate().year
    union = factories.OrganisationPageFactory(
        parent=sections["organisations"], title="Union", founded_year=this_year + 1 - 70
    )

    response = admin_client.post(f"/admin/jubilees/plan/{union.pk}/70/")

    jubilee = JubileePage.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == f"/admin/pages/{jubilee.pk}/edit/"
    assert jubilee.organisation == union
    assert jubilee.anniversary == 70
    assert jubilee.date == datetime.date(this_year + 1, 1, 1)
    assert not jubilee.live
    assert jubilee.get_parent().specific == sections["jubilees"]
    # The panel now links to the page instead of offering to create another.
    assert "Open the jubilee page" in admin_client.get("/admin/").content.decode()


def test_create_refuses_an_anniversary_that_is_not_coming(admin_client, sections):
    union = factories.OrganisationPageFactory(parent=sections["organisations"], founded_year=1990)

    response = admin_client.post(f"/admin/jubilees/plan/{union.pk}/70/")

    assert response.status_code == HTTPStatus.FOUND
    assert not JubileePage.objects.exists()
    assert admin_client.get(f"/admin/jubilees/plan/{union.pk}/70/").status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_editors_without_permission_cannot_create(client, sections):
    client.force_login(factories.UserFactory(is_staff=True))
    union = factories.OrganisationPageFactory(
        parent=sections["organisations"], founded_year=timezone.localdate().year - 50
    )

    response = client.post(f"/admin/jubilees/plan/{union.pk}/50/")

    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
    assert not JubileePage.objects.exists()
