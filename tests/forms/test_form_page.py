"""A form page: visitors send it, nothing they send is lost, bots and floods are turned away."""

import logging
import re
from http import HTTPStatus

import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission

from forms.builder import HONEYPOT_FIELD, MULTILINE_MAX_LENGTH
from forms.models import FormPage
from home.models import HomePage, StandardPage
from tests import factories


def test_the_form_shows_the_editors_fields_and_hides_the_honeypot(client, contact_page):
    response = client.get("/en/contact/")

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    for label in ("Your name", "Your email", "Topic", "Message", "What can we do for you?"):
        assert label in html
    trap = re.search(r'<div class="visually-hidden" aria-hidden="true">(.*?)</div>\s*<button', html, re.S)
    assert trap and f'name="{HONEYPOT_FIELD}"' in trap.group(1) and 'tabindex="-1"' in trap.group(1)
    # The site's content security policy: no inline scripts or styles.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert " style=" not in html


def test_a_form_page_is_never_kept_by_a_cache(client, settings, contact_page):
    settings.PAGE_CACHE = True
    first = client.get("/en/contact/")
    second = client.get("/en/contact/")

    for response in (first, second):
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
    assert second.get("X-Page-Cache") != "hit"


def test_a_submission_is_stored_and_emailed_and_confirmed(client, contact_page, filled_in):
    response = client.post("/en/contact/", filled_in)

    assert response.status_code == HTTPStatus.OK
    assert "Thank you, we will answer soon." in response.content.decode()
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    submission = FormSubmission.objects.get(page=contact_page)
    assert submission.get_data()["your_name"] == "Anna Ivanova"
    assert HONEYPOT_FIELD not in submission.form_data
    [message] = mail.outbox
    assert message.to == ["office@example.org"]
    assert message.subject == "A message from the site"
    assert "Your name: Anna Ivanova" in message.body
    assert "Message: How do we join the network?" in message.body
    assert HONEYPOT_FIELD not in message.body and "Leave this field empty" not in message.body


def test_a_failing_email_loses_nothing_and_is_logged_not_shown(client, settings, contact_page, filled_in, caplog):
    settings.EMAIL_BACKEND = "tests.helpers.mail.FailingEmailBackend"

    with caplog.at_level(logging.ERROR, logger="forms.models"):
        response = client.post("/en/contact/", filled_in)

    assert response.status_code == HTTPStatus.OK
    assert "Thank you, we will answer soon." in response.content.decode()
    assert FormSubmission.objects.filter(page=contact_page).count() == 1
    assert any("notification e-mail could not be sent" in record.getMessage() for record in caplog.records)


def test_a_filled_honeypot_looks_like_success_but_keeps_and_sends_nothing(client, contact_page, filled_in, caplog):
    with caplog.at_level(logging.INFO, logger="forms.models"):
        response = client.post("/en/contact/", {**filled_in, HONEYPOT_FIELD: "https://spam.example/"})

    assert response.status_code == HTTPStatus.OK
    assert "Thank you, we will answer soon." in response.content.decode()
    assert not FormSubmission.objects.exists()
    assert not mail.outbox
    assert any("discarded as spam" in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("your_name", ""),  # required
        ("your_name", "x" * 256),
        ("message", "x" * (MULTILINE_MAX_LENGTH + 1)),
        ("message", "Hello\x07there"),
        ("your_name", "Anna\x00"),
        ("your_name", "Anna\x1b[31m"),
        ("your_email", "not an address"),
        ("topic", "Something else"),
    ],
)
def test_a_bad_submission_shows_the_form_again_with_its_error(client, contact_page, filled_in, field, value):
    response = client.post("/en/contact/", {**filled_in, field: value})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert field in response.context["form"].errors
    assert 'role="alert"' in response.content.decode()
    assert not FormSubmission.objects.exists()
    assert not mail.outbox


def test_line_breaks_and_tabs_are_text(client, contact_page, filled_in):
    response = client.post("/en/contact/", {**filled_in, "message": "First line\r\nSecond\tline"})
    assert response.status_code == HTTPStatus.OK
    assert FormSubmission.objects.get().get_data()["message"] == "First line\r\nSecond\tline"


def test_too_many_submissions_from_one_address_are_refused(client, settings, contact_page, filled_in):
    settings.RATE_LIMIT_LOOPBACK = True
    settings.FORM_SUBMISSIONS_PER_HOUR = 2

    statuses = [client.post("/en/contact/", filled_in).status_code for _ in range(3)]

    assert statuses == [HTTPStatus.OK, HTTPStatus.OK, HTTPStatus.TOO_MANY_REQUESTS]
    assert FormSubmission.objects.count() == 2
    # Another address is not held back.
    assert client.post("/en/contact/", filled_in, REMOTE_ADDR="192.0.2.7").status_code == HTTPStatus.OK


def test_form_pages_go_under_the_home_page_and_standard_pages_only(home_page):
    assert FormPage.can_create_at(home_page)
    assert FormPage in HomePage.creatable_subpage_models()
    assert FormPage in StandardPage.creatable_subpage_models()
    assert FormPage.allowed_subpage_models() == []
    standard = factories.StandardPageFactory(parent=home_page)
    assert FormPage.can_create_at(standard)
    index = factories.JubileeIndexPageFactory(parent=home_page)
    assert not FormPage.can_create_at(index)


def test_the_form_says_how_long_what_is_sent_is_kept(client, settings, contact_page):
    settings.FORM_SUBMISSION_RETENTION_DAYS = 90

    html = client.get("/en/contact/").content.decode()

    assert "What you send is used only to answer you, and deleted after 90 days." in html
