"""No known password outside a local demo; staff sessions end when idle; passwords must be long and uncommon."""

import io
import time
from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command

from accounts.middleware import LAST_SEEN_KEY
from demo.management.commands import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def quick_demo(monkeypatch):
    """load_demo with the content steps skipped: these tests are about its admin account."""
    for step in (
        "enrich_home_pages",
        "enrich_sections",
        "enrich_content",
        "add_listings",
        "add_registration_event",
        "add_form_pages",
    ):
        monkeypatch.setattr(load_demo, step, lambda *args, **kwargs: None)
    monkeypatch.setattr(load_demo, "call_command", lambda *args, **kwargs: None)
    monkeypatch.setattr(load_demo, "source_locales", lambda path: {})


def run_load_demo(*arguments):
    output = io.StringIO()
    call_command("load_demo", *arguments, stdout=output)
    return output.getvalue()


def test_with_debug_off_the_demo_admin_is_not_created(quick_demo, settings):
    settings.DEBUG = False

    output = run_load_demo()

    assert not get_user_model().objects.filter(username="admin").exists()
    assert "No demo admin account: DEBUG is off" in output
    assert "compatriots" not in output.replace("compatriots.", "")


def test_asked_for_with_debug_off_it_gets_a_random_password_printed_once(quick_demo, settings, client):
    settings.DEBUG = False

    output = run_load_demo("--with-demo-admin")
    again = run_load_demo("--with-demo-admin")

    password = output.split("Demo admin account: admin / ")[1].split()[0]
    assert len(password) >= 20 and password != "compatriots"
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(password)
    assert not admin.check_password("compatriots")
    assert "Demo admin account" not in again
    assert get_user_model().objects.get(username="admin").check_password(password)


def test_a_local_demo_keeps_the_documented_account(quick_demo, settings):
    settings.DEBUG = True

    output = run_load_demo()

    assert "Demo admin account: admin / compatriots" in output
    assert get_user_model().objects.get(username="admin").check_password("compatriots")


def test_a_staff_session_ends_after_the_idle_time(client, staff_user, settings):
    settings.SESSION_IDLE_TIMEOUT = 600
    client.force_login(staff_user)
    assert client.get("/admin/").status_code == HTTPStatus.OK

    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 601
    session.save()
    response = client.get("/admin/pages/")

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/admin/login/?next=/admin/pages/"
    assert "_auth_user_id" not in client.session


def test_an_active_staff_session_stays(client, staff_user, settings):
    settings.SESSION_IDLE_TIMEOUT = 600
    client.force_login(staff_user)
    client.get("/admin/")
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 599
    session.save()

    assert client.get("/admin/pages/").status_code == HTTPStatus.OK
    assert client.session[LAST_SEEN_KEY] >= int(time.time()) - 1


@pytest.mark.parametrize("password", ["short1!", "password123456", "nadia.petrova.nadia", "123456789012345"], ids=str)
def test_weak_passwords_are_refused(staff_user, password):
    staff_user.first_name, staff_user.last_name = "Nadia", "Petrova"
    staff_user.username = "nadia.petrova"
    with pytest.raises(ValidationError):
        validate_password(password, staff_user)


def test_a_long_uncommon_password_is_accepted(staff_user):
    validate_password("correct horse battery staple", staff_user)
