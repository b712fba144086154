"""Images: what the admin refuses on upload, and the renditions visitors get."""

import io
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.rect import Rect

from tests import factories

Image = get_image_model()


def png_bytes(size=(64, 48)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "#8a2432").save(buffer, "PNG")
    return buffer.getvalue()


def upload(client, name, content, content_type):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": "Concert poster", "file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


@pytest.fixture
def editor_client(client, db):

    editor = factories.UserFactory(group="Editors")
    client.force_login(editor)
    return client


def file_errors(response):
    assert response.status_code == HTTPStatus.OK  # the form again, with its errors: not a 500
    return " ".join(response.context["form"].errors["file"])


def test_an_editor_uploads_an_image(editor_client):
    response = upload(editor_client, "poster.png", png_bytes(), "image/png")
    assert response.status_code == HTTPStatus.FOUND
    assert Image.objects.get().title == "Concert poster"


def test_a_file_that_is_not_an_image_is_refused(editor_client):
    response = upload(editor_client, "minutes.txt", b"Minutes of the council meeting", "text/plain")
    assert "Upload a valid image" in file_errors(response)
    assert not Image.objects.exists()


def test_an_image_in_an_unsupported_format_is_refused(editor_client):
    buffer = io.BytesIO()
    PILImage.new("RGB", (32, 32)).save(buffer, "BMP")
    response = upload(editor_client, "scan.bmp", buffer.getvalue(), "image/bmp")
    assert "Not a supported image format. Supported formats:" in file_errors(response)
    assert not Image.objects.exists()


def test_a_corrupt_file_with_an_image_extension_is_refused(editor_client):
    response = upload(editor_client, "poster.png", b"this is no PNG at all", "image/png")
    assert "Upload a valid image" in file_errors(response)
    assert not Image.objects.exists()


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=1024)
def test_an_image_over_the_size_limit_is_refused(editor_client):
    large_png = png_bytes(size=(800, 800)) + bytes(2048)
    response = upload(editor_client, "poster.png", large_png, "image/png")
    message = file_errors(response)
    assert "This file is too big" in message
    assert "1.0\xa0KB" in message or "1.0 KB" in message  # names the limit
    assert not Image.objects.exists()


def test_renditions_are_served_as_webp(db):
    image = factories.ImageFactory(width=640, height=480)
    rendition = image.get_rendition("fill-320x240")
    assert rendition.file.name.endswith(".webp")
    with rendition.file.open() as stored:
        assert PILImage.open(stored).format == "WEBP"


def test_the_focal_point_guides_the_crop(db):
    """A white picture with a red square on the right: cropped around its focal point, the square fills the thumbnail."""
    picture = PILImage.new("RGB", (640, 480), "white")
    picture.paste((255, 0, 0), (500, 100, 600, 200))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    image = factories.ImageFactory(file__from_file=buffer)
    image.set_focal_point(Rect(500, 100, 600, 200))
    image.save()

    rendition = image.get_rendition("fill-100x100-c100")
    with rendition.file.open() as stored:
        red, green, blue = PILImage.open(stored).convert("RGB").getpixel((50, 50))
    assert red > 200 and green < 60 and blue < 60
