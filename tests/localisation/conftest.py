import pytest

from tests import factories


@pytest.fixture
def translated_home(home_page, translate):
    """The home page in all four languages."""
    return {
        "en": home_page,
        "nl": translate(home_page, "nl", {"title": "Startpagina", "slug": "home"}),
        "fr": translate(home_page, "fr", {"title": "Accueil", "slug": "home"}),
        "ru": translate(home_page, "ru", {"title": "Главная", "slug": "home"}),
    }


@pytest.fixture
def organisation_section(translated_home, sections, translate):
    """The organisations section in English and Dutch only."""
    index = sections["organisations"]
    return {"en": index, "nl": translate(index, "nl", {"title": "Organisaties", "slug": "organisaties"})}


@pytest.fixture
def federation(organisation_section):
    return factories.OrganisationPageFactory(
        parent=organisation_section["en"], title="Coordination Council", kind="federation", founded_year=1995
    )
