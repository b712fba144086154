from tests import factories


def test_sections_and_pages_are_created_under_the_home_page(sections):
    organisation = factories.OrganisationPageFactory(parent=sections["organisations"], title="Pushkin Fund")
    assert organisation.get_parent().specific == sections["organisations"]
    assert organisation.url == "/en/organisations/pushkin-fund/"
