"""An organiser on another site never shows on this site's calendar, not even in its filter."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_an_organiser_of_another_site_is_left_out_of_the_list_and_the_filter(
    client, calendar, make_event, other_site_calendar
):
    other_directory = factories.OrganisationIndexPageFactory(parent=other_site_calendar.get_parent())
    elsewhere = factories.OrganisationPageFactory(parent=other_directory, title="Zylbermanovka circle")
    event = make_event(title="Concert with a guest organiser")
    factories.EventOrganiserFactory(event=event, organisation=elsewhere)

    for url in (calendar.url, calendar.url + "upcoming/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "Concert with a guest organiser" in response.text
        assert "Zylbermanovka" not in response.text
    assert "Zylbermanovka" not in client.get(event.url).text
