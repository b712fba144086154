"""A save that loses a race after its form was accepted answers 409 with the reason, never 500.

The race is the one Wagtail 8's autosave causes: the autosave creates the new
page (same slug, same parent) after the editor's Publish passed form
validation and before it saves. The test makes that interleaving happen by
creating the sibling as soon as the form has validated.
"""

from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.admin.forms.pages import WagtailAdminPageForm

from core.save_conflicts import SaveConflictMiddleware
from home.models import StandardPage
from tests import factories
from tests.helpers.admin_forms import standard_page_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, home_page):
    client.force_login(factories.UserFactory(is_superuser=True))
    return client


@pytest.fixture
def autosave_wins_the_race(monkeypatch, home_page):
    """After the form has validated, another request creates a page with the same slug under the same parent."""
    validate = WagtailAdminPageForm.clean

    def clean_then_lose_the_race(form):
        cleaned = validate(form)
        if not StandardPage.objects.filter(slug="network").exists():
            factories.StandardPageFactory(parent=home_page, title="Autosaved", slug="network")
        return cleaned

    monkeypatch.setattr(WagtailAdminPageForm, "clean", clean_then_lose_the_race)


def test_a_publish_that_loses_to_the_autosave_is_a_conflict_with_the_reason(
    editor_client, home_page, autosave_wins_the_race
):
    response = editor_client.post(
        reverse("wagtailadmin_pages:add", args=["home", "standardpage", home_page.pk]),
        standard_page_data("About the network", "network", **{"action-publish": "1"}),
    )

    assert response.status_code == HTTPStatus.CONFLICT
    content = response.content.decode()
    assert "Not saved: the page changed meanwhile" in content
    assert "The slug &#x27;network&#x27; is already in use" in content
    # The autosaved page is kept and the refused one wrote nothing.
    assert list(StandardPage.objects.filter(slug="network").values_list("title", flat=True)) == ["Autosaved"]


def test_validation_errors_outside_the_admin_are_left_to_their_views(rf):
    middleware = SaveConflictMiddleware(lambda request: None)

    assert middleware.process_exception(rf.post("/en/contact/"), ValidationError("no")) is None
    assert middleware.process_exception(rf.get("/admin/pages/1/edit/"), ValidationError("no")) is None
