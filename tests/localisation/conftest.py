import pytest
from wagtail.models import Locale

from home.translation import translate_page
from tests import factories


@pytest.fixture
def translate(django_capture_on_commit_callbacks):
    """``translate_page`` with wagtail-localize's on-commit publishing run at once.

    Tests run inside a transaction that never commits, so the publish that
    wagtail-localize defers to ``on_commit`` is executed explicitly.
    """

    def _translate(source_page, language_code, values, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            translate_page(source_page, language_code, values, **kwargs)
        return source_page.get_translation(Locale.objects.get(language_code=language_code)).specific

    return _translate


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
