"""Validation shared by every page type (``BasePage``)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from home.models import StandardPage
from tests import factories
from tests.helpers.admin_forms import standard_page_data

ALT_TEXT_REQUIRED = "Describe the main image: alternative text is required."


def test_a_main_image_without_alternative_text_is_refused(db):
    page = StandardPage(title="About us", image=factories.ImageFactory(), image_alt="  ")
    with pytest.raises(ValidationError) as raised:
        page.clean()
    assert raised.value.message_dict == {"image_alt": [ALT_TEXT_REQUIRED]}


def test_a_main_image_with_alternative_text_is_accepted(db):
    StandardPage(title="About us", image=factories.ImageFactory(), image_alt="The council at work").clean()


def test_the_editor_sees_the_alt_text_message(admin_client, home_page):
    image = factories.ImageFactory()
    response = admin_client.post(
        reverse("wagtailadmin_pages:add", args=["home", "standardpage", home_page.pk]),
        standard_page_data("About us", "about-us", image=image.pk),
    )
    assert response.context["form"].errors["image_alt"] == [ALT_TEXT_REQUIRED]
    assert not StandardPage.objects.filter(slug="about-us").exists()


@pytest.mark.parametrize("external_id", ["Has Capitals", "-leading-hyphen", "under_score"])
def test_a_malformed_external_id_is_refused(db, external_id):
    page = StandardPage(title="About us", external_id=external_id)
    with pytest.raises(ValidationError) as raised:
        page.clean()
    assert list(raised.value.message_dict) == ["external_id"]


def test_the_meta_description_falls_back_to_the_summary(db):
    page = StandardPage(title="About us", summary="Who we are.")
    assert page.meta_description == "Who we are."
    page.search_description = "The network of compatriot organisations in Belgium."
    assert page.meta_description == "The network of compatriot organisations in Belgium."
