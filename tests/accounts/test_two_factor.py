"""Two-factor sign-in: enrolment on the admin page, sign-in with an app code, a wrong code, a recovery code."""

import io
import time
from http import HTTPStatus

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from accounts import two_factor
from accounts.views import PENDING_KEY
from tests.factories import PASSWORD
from tests.helpers import current_code, enrol

pytestmark = pytest.mark.django_db


def sign_in(client, username, password=PASSWORD, **extra):
    return client.post("/admin/login/", {"username": username, "password": password, **extra})


def signed_in_as(client, user):
    return client.session.get("_auth_user_id") == str(user.pk)


def test_enrolment_shows_a_qr_code_then_turns_on_with_the_apps_code(client, staff_user):
    client.force_login(staff_user)

    page = client.get("/admin/account/two-factor/")

    assert page.status_code == HTTPStatus.OK
    assert b'<svg width="' in page.content and b'class="segno"' in page.content
    device = TOTPDevice.objects.get(user=staff_user, confirmed=False)
    assert client.get("/admin/account/two-factor/").context["secret"] == two_factor.secret_for_typing(device)

    done = client.post("/admin/account/two-factor/", {"action": "enrol", "code": current_code(device)})

    assert done.status_code == HTTPStatus.OK
    codes = done.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    for code in codes:
        assert code.encode() in done.content
    device.refresh_from_db()
    assert device.confirmed
    assert two_factor.is_enrolled(staff_user)
    assert StaticToken.objects.filter(device__user=staff_user).count() == 10
    # The session that enrolled is verified: the admin stays open.
    assert client.get("/admin/").status_code == HTTPStatus.OK
    assert ModelLogEntry.objects.filter(action="accounts.two_factor_enabled", object_id=str(staff_user.pk)).exists()


def test_enrolment_refuses_a_wrong_code(client, staff_user):
    client.force_login(staff_user)
    client.get("/admin/account/two-factor/")

    response = client.post("/admin/account/two-factor/", {"action": "enrol", "code": "000000"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert b"That code is not valid" in response.content
    assert not two_factor.is_enrolled(staff_user)


def test_an_enrolled_user_signs_in_with_the_code_from_the_app(client, staff_user):
    device, _ = enrol(staff_user)

    after_password = sign_in(client, "nadia", next="/admin/pages/")

    assert after_password.status_code == HTTPStatus.FOUND
    assert after_password["Location"] == "/admin/login/code/"
    assert not signed_in_as(client, staff_user)
    assert client.get("/admin/").status_code == HTTPStatus.FOUND  # not signed in yet

    code_page = client.get("/admin/login/code/")
    assert code_page.status_code == HTTPStatus.OK
    after_code = client.post("/admin/login/code/", {"code": current_code(device)})

    assert after_code.status_code == HTTPStatus.FOUND
    assert after_code["Location"] == "/admin/pages/"
    assert signed_in_as(client, staff_user)
    assert client.get("/admin/").status_code == HTTPStatus.OK
    entry = ModelLogEntry.objects.get(action="accounts.login", object_id=str(staff_user.pk))
    assert entry.data["two_factor"] is True


def test_a_wrong_code_does_not_sign_in(client, staff_user):
    enrol(staff_user)
    sign_in(client, "nadia")

    response = client.post("/admin/login/code/", {"code": "123456"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert b"That code is not valid" in response.content
    assert not signed_in_as(client, staff_user)
    assert client.get("/admin/").status_code == HTTPStatus.FOUND
    assert ModelLogEntry.objects.filter(action="accounts.two_factor_failed", object_id=str(staff_user.pk)).exists()


def test_a_recovery_code_signs_in_once(client, staff_user):
    _, codes = enrol(staff_user)
    sign_in(client, "nadia")

    response = client.post("/admin/login/code/", {"code": codes[3].upper()})

    assert response.status_code == HTTPStatus.FOUND
    assert signed_in_as(client, staff_user)
    assert two_factor.recovery_codes_left(staff_user) == 9
    assert ModelLogEntry.objects.filter(action="accounts.recovery_code_used").exists()

    client.logout()
    sign_in(client, "nadia")
    assert client.post("/admin/login/code/", {"code": codes[3]}).status_code == HTTPStatus.BAD_REQUEST
    assert not signed_in_as(client, staff_user)


def test_the_code_page_without_a_password_first_sends_back_to_sign_in(client, staff_user):
    enrol(staff_user)

    response = client.post("/admin/login/code/", {"code": "123456"})

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/admin/login/"


def test_the_password_step_expires(client, staff_user):
    device, _ = enrol(staff_user)
    sign_in(client, "nadia")
    session = client.session
    session[PENDING_KEY]["since"] = int(time.time()) - 3600
    session.save()

    response = client.post("/admin/login/code/", {"code": current_code(device)})

    assert response["Location"] == "/admin/login/"
    assert not signed_in_as(client, staff_user)


def test_an_unsafe_next_address_is_not_followed(client, staff_user):
    device, _ = enrol(staff_user)
    sign_in(client, "nadia", next="https://evil.example/")

    response = client.post("/admin/login/code/", {"code": current_code(device)})

    assert response["Location"] == "/admin/"


def test_a_session_from_before_enrolment_must_sign_in_again(client, staff_user):
    client.force_login(staff_user)  # signed in with the password only
    enrol(staff_user)  # then two-factor sign-in was turned on elsewhere

    response = client.get("/admin/")

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith("/admin/login/")
    assert not signed_in_as(client, staff_user)


@override_settings(REQUIRE_2FA=True)
@pytest.mark.parametrize("who", ["superuser", "moderator"])
def test_when_required_superusers_and_moderators_must_set_it_up_first(client, who, request):
    user = request.getfixturevalue(who)

    response = sign_in(client, user.username)
    assert response["Location"] == "/admin/"
    admin = client.get("/admin/")

    assert admin.status_code == HTTPStatus.FOUND
    assert admin["Location"] == "/admin/account/two-factor/"
    assert client.get("/admin/pages/").status_code == HTTPStatus.FOUND
    assert client.get("/admin/account/two-factor/").status_code == HTTPStatus.OK


@override_settings(REQUIRE_2FA=True)
def test_when_required_others_may_still_sign_in_with_the_password_alone(client, staff_user):
    sign_in(client, "nadia")

    assert client.get("/admin/").status_code == HTTPStatus.OK


@override_settings(REQUIRE_2FA=True)
def test_a_moderator_cannot_turn_it_off(client, moderator):
    device, _ = enrol(moderator)
    sign_in(client, "olga")
    client.post("/admin/login/code/", {"code": current_code(device)})

    page = client.get("/admin/account/two-factor/")
    response = client.post("/admin/account/two-factor/", {"action": "turn_off", "code": current_code(device, 1)})

    assert b"cannot be turned off" in page.content
    assert response.status_code == HTTPStatus.OK
    assert two_factor.is_enrolled(moderator)


def test_an_editor_turns_it_off_with_a_code_and_renews_recovery_codes(client, staff_user):
    device, old_codes = enrol(staff_user)
    sign_in(client, "nadia")
    client.post("/admin/login/code/", {"code": current_code(device)})

    renewed = client.post("/admin/account/two-factor/", {"action": "recovery_codes"})
    assert renewed.status_code == HTTPStatus.OK
    assert set(renewed.context["codes"]).isdisjoint(old_codes)

    refused = client.post("/admin/account/two-factor/", {"action": "turn_off", "code": "000000"})
    assert refused.status_code == HTTPStatus.BAD_REQUEST
    assert two_factor.is_enrolled(staff_user)

    # The sign-in code is spent; the app's next code turns it off.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    done = client.post("/admin/account/two-factor/", {"action": "turn_off", "code": current_code(device, 1)})
    assert done.status_code == HTTPStatus.FOUND
    assert not two_factor.is_enrolled(staff_user)
    actions = set(ModelLogEntry.objects.filter(object_id=str(staff_user.pk)).values_list("action", flat=True))
    assert {"accounts.recovery_codes_renewed", "accounts.two_factor_disabled"} <= actions


def test_the_account_page_links_to_the_set_up(client, staff_user):
    client.force_login(staff_user)

    response = client.get("/admin/account/")

    assert b"/admin/account/two-factor/" in response.content
    assert b"Two-factor sign-in" in response.content


def test_an_administrator_resets_a_lost_phone_from_the_command_line(staff_user):
    enrol(staff_user)
    output = io.StringIO()

    call_command("reset_two_factor", "nadia", stdout=output)

    assert not two_factor.is_enrolled(staff_user)
    assert "reset for nadia" in output.getvalue()
    entry = ModelLogEntry.objects.get(action="accounts.two_factor_disabled")
    assert entry.data == {"by": "manage.py reset_two_factor"}
    with pytest.raises(CommandError):
        call_command("reset_two_factor", "nobody")


def test_a_password_only_session_of_an_enrolled_user_cannot_read_private_pages(client, staff_user, home_page):
    from wagtail.models import PageViewRestriction

    from tests import factories

    private = factories.StandardPageFactory(parent=home_page, title="Council minutes")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    enrol(staff_user)
    asked = client.get(private.url)
    assert asked.status_code == HTTPStatus.FOUND and asked["Location"].startswith("/admin/login/")

    client.force_login(staff_user)  # as another sign-in form would, with the password alone
    response = client.get(private.url)

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith("/admin/login/")
    assert not signed_in_as(client, staff_user)
