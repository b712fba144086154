import pytest

from tests import factories


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
def translated_home(home_page, translate):
    """The home page in Dutch too, for a Dutch form page under it."""
    return {"en": home_page, "nl": translate(home_page, "nl", {"title": "Startpagina", "slug": "home"})}
