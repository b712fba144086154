import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from localisation.translation import translate_page
from search.analysis import forget_locale_languages
from tests import factories

# Fixtures that need a plugin of their own (the Playwright browser).
pytest_plugins = ["tests.plugins.browser", "tests.helpers.catalogues"]


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


@pytest.fixture
def editor(db):
    """A member of the Editors group: writes pages, submits them for moderation."""
    return factories.UserFactory(group="Editors")


@pytest.fixture
def moderator(db):
    """Olga, of the Moderators group: approves and publishes, manages promotions and redirects."""
    return factories.UserFactory(username="olga", group="Moderators")


@pytest.fixture
def translator(db):
    """A member of the Translators group."""
    return factories.UserFactory(username="translator", group="Translators")


@pytest.fixture
def superuser(db):
    return factories.UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def other_site_calendar(db):
    """A second site with its own calendar: none of it may leak into the first site."""
    root = Page.get_first_root_node()
    other_home = factories.HomePageFactory(parent=root, title="Other network", slug="other-network")
    Site.objects.create(hostname="other.example", root_page=other_home, is_default_site=False)
    return factories.EventIndexPageFactory(parent=other_home, title="Other events", slug="other-events")


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
