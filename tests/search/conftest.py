import pytest

from tests import factories


@pytest.fixture
def search_pages(home_page, sections, locales):
    """A few published pages about Pushkin, in English and in a Dutch tree."""
    pages = {
        "fund": factories.OrganisationPageFactory(
            parent=sections["organisations"],
            title="International Pushkin Fund",
            summary="The fund keeps the archives of the emigration.",
            external_id="pushkin-fund",
        ),
        "day": factories.EventPageFactory(
            parent=sections["events"],
            title="Pushkin Day in Brussels",
            summary="Celebrations of the poet's birthday with readings.",
        ),
        "choir": factories.StandardPageFactory(
            parent=home_page, title="The choir", summary="Songs of the coopération with Liège."
        ),
    }
    return pages
