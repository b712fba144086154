import pytest
from wagtail.models import Locale

from home.translation import translate_page
from tests import factories


class FailingEmailBackend:
    """An e-mail server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server unreachable")


@pytest.fixture
def contact_page(home_page):
    page = factories.FormPageFactory(parent=home_page, title="Contact", slug="contact")
    factories.FormFieldFactory(page=page, label="Your name", field_type="singleline", sort_order=0)
    factories.FormFieldFactory(page=page, label="Your email", field_type="email", sort_order=1)
    factories.FormFieldFactory(
        page=page, label="Topic", field_type="dropdown", choices="Membership\nEvents", sort_order=2
    )
    factories.FormFieldFactory(
        page=page, label="Message", field_type="multiline", help_text="What can we do for you?", sort_order=3
    )
    return page


@pytest.fixture
def filled_in():
    return {
        "your_name": "Anna Ivanova",
        "your_email": "anna@example.org",
        "topic": "Membership",
        "message": "How do we join the network?",
    }


@pytest.fixture
def translate(django_capture_on_commit_callbacks):
    def _translate(source_page, language_code, values, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            translate_page(source_page, language_code, values, **kwargs)
        return source_page.get_translation(Locale.objects.get(language_code=language_code)).specific

    return _translate


@pytest.fixture
def translated_home(home_page, translate):
    """The home page in Dutch too, for a Dutch form page under it."""
    return {"en": home_page, "nl": translate(home_page, "nl", {"title": "Startpagina", "slug": "home"})}
