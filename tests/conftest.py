import pytest
from wagtail.models import Locale

from home.models import HomePage
from tests import factories


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
