"""The gallery of a heritage project, as editors fill it in the page editor."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from heritage.models import HeritageGalleryImage, HeritageProjectPage
from tests import factories
from tests.helpers.admin_forms import heritage_project_page_data

pytestmark = pytest.mark.django_db


def test_an_image_added_in_the_editor_is_in_the_projects_language(admin_client, sections):
    photo = factories.ImageFactory()
    response = admin_client.post(
        reverse("wagtailadmin_pages:add", args=["heritage", "heritageprojectpage", sections["heritage"].pk]),
        {
            **heritage_project_page_data(
                "Uccle graves", "uccle-graves", gallery=[(photo.pk, "A restored cross", "After the works")]
            ),
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    project = HeritageProjectPage.objects.get(slug="uccle-graves")
    assert project.live
    image = HeritageGalleryImage.objects.get(project=project)
    assert (image.image, image.caption, image.locale) == (photo, "After the works", project.locale)
