"""A visitor finds an organisation and an event through the site's navigation."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def site_content(home_page):
    organisations = factories.OrganisationIndexPageFactory(parent=home_page, show_in_menus=True)
    events = factories.EventIndexPageFactory(parent=home_page, show_in_menus=True)
    fund = factories.OrganisationPageFactory(
        parent=organisations, title="International Pushkin Fund", summary="Keeps the heritage of the community."
    )
    concert = factories.EventPageFactory(parent=events, title="Evening of Russian romances", venue="Maison des Arts")
    factories.EventOrganiserFactory(event=concert, organisation=fund)
    return {"organisation": fund, "event": concert}


def test_from_the_home_page_to_an_organisation_and_an_event(browser_page, site_content):
    page = browser_page
    page.goto("/en/")
    main_nav = page.get_by_role("navigation", name="Main")

    main_nav.get_by_role("link", name="Organisations").click()
    page.get_by_role("link", name="International Pushkin Fund").click()
    page.get_by_role("heading", level=1, name="International Pushkin Fund").wait_for()
    assert page.url.endswith("/en/organisations/international-pushkin-fund/")

    # The organisation's page links to the events it organises.
    page.get_by_role("main").get_by_role("link", name="Evening of Russian romances").click()
    page.get_by_role("heading", level=1, name="Evening of Russian romances").wait_for()
    assert page.url.endswith("/en/events/evening-of-russian-romances/")

    # And the calendar is one click away from anywhere.
    main_nav.get_by_role("link", name="Events").click()
    page.get_by_role("heading", level=1, name="Events").wait_for()
    assert page.get_by_role("main").get_by_role("link", name="Evening of Russian romances").is_visible()
