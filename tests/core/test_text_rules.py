"""The page editor refuses control characters in text, with the rule the content import uses."""

from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import rich_text, streamfield

from core.validators import text_problem
from home.models import StandardPage
from tests import factories
from tests.helpers.admin_forms import event_page_data, standard_page_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, home_page):
    client.force_login(factories.UserFactory(is_superuser=True))
    return client


def post_new_standard_page(client, home_page, **fields):
    title = fields.pop("title", "About the network")
    return client.post(
        reverse("wagtailadmin_pages:add", args=["home", "standardpage", home_page.pk]),
        standard_page_data(title, "network", **{"action-publish": "1", **fields}),
    )


@pytest.mark.parametrize(
    "fields",
    [
        {"title": "Gala\r\nBEGIN:VEVENT"},
        {"title": "Null\x00byte"},
        {"summary": "Escape \x1b[31m codes"},
        {"image_alt": "Bell\x07"},
        {"seo_title": "Back\x08space"},
        {"search_description": "Form\x0cfeed"},
        {"body": streamfield([("paragraph", rich_text("<p>Null\x00in a paragraph</p>"))])},
        {"body": streamfield([("heading", {"text": "Tab\tis fine, vertical\x0btab is not", "level": "h2"})])},
        {"body": streamfield([("quote", {"text": "A quote\x1b", "attribution": ""})])},
    ],
)
def test_the_editor_refuses_control_characters(admin_client, home_page, fields):
    response = post_new_standard_page(admin_client, home_page, **fields)
    assert response.status_code == HTTPStatus.OK
    assert "The page could not be created due to validation errors" in response.content.decode()
    assert not StandardPage.objects.filter(slug="network").exists()


def test_the_editor_keeps_tabs_and_line_breaks_where_they_belong(admin_client, home_page):
    response = post_new_standard_page(
        admin_client,
        home_page,
        title="Tab\tin a title",
        summary="Two lines,\r\nas a browser sends them.",
        body=streamfield([("quote", {"text": "One\nTwo", "attribution": ""})]),
    )
    assert response.status_code == HTTPStatus.FOUND
    assert StandardPage.objects.get(slug="network").live


def test_the_rule_reaches_every_text_field_of_a_page_type(admin_client, home_page, sections):
    response = admin_client.post(
        reverse("wagtailadmin_pages:add", args=["events", "eventpage", sections["events"].pk]),
        event_page_data(
            "Gala", "gala", "2030-05-01 19:00", "2030-05-01 22:00", venue="Hall\x1b", **{"action-publish": "1"}
        ),
    )
    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["venue"] == ["contains a control character (U+001B) at position 5"]


def test_model_validation_names_the_field_and_the_block(home_page):
    page = StandardPage(
        title="Fine",
        slug="fine",
        body=[("paragraph", RichText("<p>ok</p>")), ("paragraph", RichText("<p>bad\x00</p>"))],
    )
    with pytest.raises(ValidationError) as raised:
        page.full_clean(exclude=["path", "depth"])
    assert raised.value.message_dict["body"] == [
        "Block 2 (paragraph): contains a control character (U+0000) at position 4"
    ]


@pytest.mark.parametrize(
    ("value", "multiline", "refused"),
    [
        ("plain", False, False),
        ("tab\there", False, False),
        ("line\nbreak", False, True),
        ("line\nbreak", True, False),
        ("crlf\r\nbreak", True, False),
        ("lone\rreturn", True, True),
        ("\ud800", True, True),
        ("c1\x85", True, True),
        ("del\x7f", False, True),
    ],
)
def test_text_problem(value, multiline, refused):
    assert (text_problem(value, multiline=multiline) is not None) == refused
