"""Renditions named once (core.renditions): the templates show them, and they are made before any visitor asks."""

import pytest
from wagtail.images import get_image_model

from core.renditions import PICTURES, UPLOAD_USAGES, picture_filters, prerender
from tests import factories

Rendition = get_image_model().get_rendition_model()


def test_each_picture_is_avif_webp_and_jpeg_in_several_sizes():
    for usage in PICTURES:
        specs = [image_filter.spec for image_filter in picture_filters(usage)]
        assert {spec.split("|")[0] for spec in specs} == {"format-avif", "format-webp", "format-jpeg"}
        assert len(specs) >= 6


def test_an_uploaded_image_gets_its_renditions_from_a_task_once_saved(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = factories.ImageFactory(width=640, height=400)
    pictures = sum(len(picture_filters(usage)) for usage in UPLOAD_USAGES if usage in PICTURES)
    single = sum(1 for usage in UPLOAD_USAGES if usage not in PICTURES)
    assert Rendition.objects.filter(image=image).count() == pictures + single


def test_a_saved_image_that_is_not_new_queues_nothing(db, django_capture_on_commit_callbacks):
    image = factories.ImageFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        image.title = "Renamed"
        image.save()
    assert callbacks == []


@pytest.mark.parametrize("usage", sorted(PICTURES))
def test_a_prerendered_usage_is_made_again_by_none(db, usage):
    image = factories.ImageFactory(width=640, height=400)
    prerender(image, [usage])
    made = Rendition.objects.filter(image=image).count()
    prerender(image, [usage])
    assert Rendition.objects.filter(image=image).count() == made == len(picture_filters(usage))


def test_a_page_shows_only_the_renditions_made_on_upload(client, home_page, django_capture_on_commit_callbacks):
    """The page's main image, its shared picture and (on its parent's listing) its card: nothing left to encode."""
    with django_capture_on_commit_callbacks(execute=True):
        image = factories.ImageFactory(width=640, height=400)
    page = factories.StandardPageFactory(parent=home_page, image=image, image_alt="The council at work")
    made = Rendition.objects.count()
    response = client.get(page.url)
    assert response.status_code == 200
    assert "image/avif" in response.content.decode()
    assert Rendition.objects.count() == made
