import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Locale

from home.models import HomePage
from search.analysis import forget_locale_languages
from tests import factories


@pytest.fixture(autouse=True)
def isolated_request_state():
    """Undo what one test leaves behind in the process for the next.

    LocaleMiddleware activates a request's language in the thread and leaves it
    active; Wagtail caches the site root paths, and search remembers the
    locales' languages: a rolled-back Site or Locale leaves no signal to clear them.
    """
    cache.clear()
    forget_locale_languages()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
    forget_locale_languages()
    cache.clear()


@pytest.fixture
def home_page(db):
    """The English home page created by the migrations (the default site's root)."""
    return HomePage.objects.get(locale__language_code="en")


@pytest.fixture
def locales(db):
    return {locale.language_code: locale for locale in Locale.objects.all()}


@pytest.fixture
def sections(home_page):
    """The four English section pages under the home page."""
    return {
        "organisations": factories.OrganisationIndexPageFactory(parent=home_page),
        "jubilees": factories.JubileeIndexPageFactory(parent=home_page),
        "heritage": factories.HeritageIndexPageFactory(parent=home_page),
        "events": factories.EventIndexPageFactory(parent=home_page),
    }
