"""Password guessing is throttled by django-axes, per account and per address, on the admin sign-in and password reset."""

import datetime
from http import HTTPStatus

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import override_settings

from tests import factories
from tests.factories import PASSWORD

LIMIT = 3
COOL_OFF = datetime.timedelta(minutes=15)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("limits")]


@pytest.fixture
def limits(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = COOL_OFF


def sign_in(client, username, password, address="203.0.113.7", **headers):
    return client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


def signed_in(response):
    return response.status_code == HTTPStatus.FOUND and response["Location"] == "/admin/"


def let_cool_off_pass():
    """Time travel: every recorded failure becomes older than the cool-off period."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - COOL_OFF - datetime.timedelta(seconds=1))


def test_the_attempt_after_the_limit_is_refused_even_with_the_right_password_until_the_cool_off_passes(
    client, staff_user
):
    for _ in range(LIMIT):
        response = sign_in(client, "nadia", "wrong")
        assert response.status_code in (HTTPStatus.OK, HTTPStatus.TOO_MANY_REQUESTS)

    refused = sign_in(client, "nadia", PASSWORD)

    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert refused["Retry-After"] == str(int(COOL_OFF.total_seconds()))
    assert b"Too many failed sign-ins" in refused.content
    assert b"Wait 15 minutes" in refused.content
    assert "_auth_user_id" not in client.session

    let_cool_off_pass()

    assert signed_in(sign_in(client, "nadia", PASSWORD))


def test_the_limit_th_failure_already_answers_with_the_lock_out(client, staff_user):
    responses = [sign_in(client, "nadia", "wrong") for _ in range(LIMIT)]

    assert [response.status_code for response in responses[:-1]] == [HTTPStatus.OK] * (LIMIT - 1)
    assert b"and password didn&#x27;t match" in responses[0].content
    assert responses[-1].status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_a_successful_sign_in_clears_the_failures(client, staff_user):
    for _ in range(LIMIT - 1):
        sign_in(client, "nadia", "wrong")

    assert signed_in(sign_in(client, "nadia", PASSWORD))
    client.logout()

    assert not AccessAttempt.objects.exists()
    for _ in range(LIMIT - 1):
        assert sign_in(client, "nadia", "wrong").status_code == HTTPStatus.OK
    assert signed_in(sign_in(client, "nadia", PASSWORD))


def test_failures_from_many_addresses_lock_the_account(client, staff_user):
    for number in range(LIMIT):
        sign_in(client, "nadia", "wrong", address=f"198.51.100.{number}")

    response = sign_in(client, "nadia", PASSWORD, address="192.0.2.200")

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_failures_for_many_accounts_lock_the_address(client, staff_user):
    for number in range(LIMIT):
        sign_in(client, f"guess{number}", "wrong", address="203.0.113.9")

    assert sign_in(client, "nadia", PASSWORD, address="203.0.113.9").status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert signed_in(sign_in(client, "nadia", PASSWORD, address="203.0.113.10"))


def test_without_a_trusted_proxy_header_a_forged_forwarded_for_changes_nothing(client, staff_user):
    for number in range(LIMIT):
        sign_in(client, f"guess{number}", "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")

    assert AccessAttempt.objects.filter(ip_address="203.0.113.7").count() == LIMIT
    response = sign_in(client, "nadia", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS


@override_settings(TRUSTED_PROXY_HEADER="X-Forwarded-For")
def test_behind_a_proxy_the_address_is_the_one_the_proxy_wrote(client, staff_user):
    # The proxy is 10.0.0.2; the client sent its own X-Forwarded-For, the proxy appended the real address.
    for _ in range(LIMIT):
        sign_in(client, "guess", "wrong", address="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.50")

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.50"}
    locked = sign_in(client, "nadia", PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.50")
    assert locked.status_code == HTTPStatus.TOO_MANY_REQUESTS
    other_client = sign_in(client, "nadia", PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.51")
    assert signed_in(other_client)


def test_the_attempts_are_listed_for_administrators_who_can_lift_a_lock_out(client, staff_user, superuser):
    for _ in range(LIMIT):
        sign_in(client, "nadia", "wrong")
    admin = factories.UserFactory(username="chief", is_superuser=True)
    client.force_login(admin)

    listing = client.get("/admin/sign_in_attempts/")
    failures = client.get("/admin/failed_sign_ins/")

    assert listing.status_code == HTTPStatus.OK
    assert b"nadia" in listing.content and b"203.0.113.7" in listing.content
    assert failures.status_code == HTTPStatus.OK
    assert failures.content.count(b"203.0.113.7") >= LIMIT
    settings_menu = client.get("/admin/").content
    assert b"Sign-in attempts" in settings_menu

    attempt = AccessAttempt.objects.get()
    assert client.post(f"/admin/sign_in_attempts/delete/{attempt.pk}/").status_code == HTTPStatus.FOUND
    client.logout()
    assert signed_in(sign_in(client, "nadia", PASSWORD))


def test_editors_cannot_see_the_attempts(client, staff_user):
    client.force_login(staff_user)

    assert client.get("/admin/sign_in_attempts/").status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)


def test_the_django_admin_signs_in_through_the_wagtail_form(client):
    response = client.get("/django-admin/login/?next=/django-admin/")

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/admin/login/?next=/django-admin/"


@override_settings(PASSWORD_RESET_LIMIT_PER_HOUR=2)
def test_password_reset_mails_are_limited_per_address(client, staff_user, mailoutbox):
    answers = [
        client.post("/admin/password_reset/", {"email": staff_user.email}, REMOTE_ADDR="203.0.113.7") for _ in range(3)
    ]

    assert [answer.status_code for answer in answers] == [HTTPStatus.FOUND, HTTPStatus.FOUND, 429]
    assert int(answers[-1]["Retry-After"]) > 0
    assert len(mailoutbox) == 2
    assert client.get("/admin/password_reset/", REMOTE_ADDR="203.0.113.7").status_code == HTTPStatus.OK
    other = client.post("/admin/password_reset/", {"email": staff_user.email}, REMOTE_ADDR="203.0.113.8")
    assert other.status_code == HTTPStatus.FOUND
