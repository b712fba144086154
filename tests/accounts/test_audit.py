"""The audit trail in Wagtail's log: sign-ins, failures, lock-outs, permission changes, imports; read in Site history."""

import io
import json
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, ModelLogEntry, Site

from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.30"
ITEM = {"id": "pushkin-fund", "type": "organisation", "locale": "en", "title": "International Pushkin Fund"}


def entries(action):
    return list(ModelLogEntry.objects.filter(action=action).order_by("id"))


def sign_in(client, username, password):
    return client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=ADDRESS)


def test_a_sign_in_and_a_sign_out_are_logged_with_the_user_and_address(client, staff_user):
    sign_in(client, "nadia", PASSWORD)
    client.post("/admin/logout/", REMOTE_ADDR=ADDRESS)

    (login,) = entries("accounts.login")
    assert login.user_id == staff_user.pk
    assert login.object_id == str(staff_user.pk)
    assert login.data == {"address": ADDRESS, "two_factor": False}
    assert login.message == f"Signed in (from {ADDRESS}; with the password only)"
    (logout,) = entries("accounts.logout")
    assert logout.data["address"] == ADDRESS


def test_failed_sign_ins_are_logged_for_real_and_unknown_accounts(client, staff_user):
    sign_in(client, "nadia", "wrong")
    sign_in(client, "nobody-here", "wrong")

    known, unknown = entries("accounts.login_failed")
    assert known.object_id == str(staff_user.pk) and known.user is None
    assert known.data["address"] == ADDRESS
    assert unknown.object_id == "0"
    assert unknown.label == "nobody-here"
    assert unknown.data == {"address": ADDRESS, "username": "nobody-here"}


def test_a_lock_out_is_logged(client, staff_user, settings):
    settings.AXES_FAILURE_LIMIT = 2
    sign_in(client, "nadia", "wrong")
    sign_in(client, "nadia", "wrong")
    sign_in(client, "nadia", PASSWORD)

    locked = entries("accounts.locked_out")
    assert locked and all(entry.object_id == str(staff_user.pk) for entry in locked)
    assert locked[0].data["address"] == ADDRESS
    assert len(entries("accounts.login_failed")) == 1  # the second failure is the lock-out
    assert not entries("accounts.login")


def test_group_and_permission_changes_in_the_admin_are_logged_with_the_acting_user(client, staff_user, superuser):
    client.force_login(superuser)
    moderators = Group.objects.get(name="Moderators")
    ModelLogEntry.objects.all().delete()  # what the fixtures did

    response = client.post(
        f"/admin/users/edit/{staff_user.pk}/",
        {
            "username": staff_user.username,
            "email": staff_user.email,
            "first_name": "Nadia",
            "last_name": "Petrova",
            "is_active": "on",
            "is_superuser": "on",
            "groups": [moderators.pk],
        },
        REMOTE_ADDR=ADDRESS,
    )
    assert response.status_code == HTTPStatus.FOUND, response.context["form"].errors

    groups = entries("accounts.groups_changed")
    assert {tuple(entry.data.get("added", ())) for entry in groups} >= {("Moderators",)}
    assert any(entry.data.get("removed") == ["Editors"] for entry in groups)
    assert [(entry.user_id, entry.data["address"]) for entry in groups] == [(superuser.pk, ADDRESS)] * len(groups)
    (flags,) = entries("accounts.flags_changed")
    assert flags.data["is_superuser"] is True and flags.user_id == superuser.pk


def test_model_page_and_collection_permissions_are_logged(staff_user, home_page):
    editors = Group.objects.create(name="Archivists")
    permission = Permission.objects.get(codename="add_document")

    editors.permissions.add(permission)
    editors.permissions.remove(permission)
    grant = GroupPagePermission.objects.create(
        group=editors, page=home_page, permission=Permission.objects.get(codename="publish_page")
    )
    grant.delete()
    GroupCollectionPermission.objects.create(
        group=editors, collection=Collection.get_first_root_node(), permission=permission
    )

    # Only this group's: the translator groups that migrate sets up are logged as well.
    def of_the_group(action):
        return [entry for entry in entries(action) if entry.object_id == str(editors.pk)]

    added, removed = of_the_group("accounts.permissions_changed")
    assert added.object_id == str(editors.pk) and added.data == {"added": ["wagtaildocs.add_document"]}
    assert removed.data == {"removed": ["wagtaildocs.add_document"]}
    (granted,) = of_the_group("accounts.page_permission_granted")
    assert granted.data == {"permission": "publish_page", "page": str(home_page)}
    assert of_the_group("accounts.page_permission_revoked")
    assert of_the_group("accounts.collection_permission_granted")


def test_an_import_from_the_command_line_is_logged(home_page, tmp_path):
    path = tmp_path / "content.jsonl"
    path.write_text(json.dumps(ITEM) + "\n", encoding="utf-8")

    call_command("import_content", str(path), stdout=io.StringIO())

    (entry,) = entries("interchange.import")
    assert entry.object_id == str(Site.objects.get(is_default_site=True).pk)
    assert entry.data["source"] == str(path)
    assert entry.data["created"] == 1
    assert entry.user is None


def test_an_import_in_the_admin_is_logged_with_the_moderator(client, moderator, home_page):
    client.force_login(moderator)
    upload = SimpleUploadedFile("content.jsonl", json.dumps(ITEM).encode() + b"\n")
    job_page = client.post("/admin/content-import/", {"file": upload}).url

    # The worker imports later, outside the request: the confirmation's address is kept for the trail.
    client.post(f"{job_page}confirm/", REMOTE_ADDR=ADDRESS)

    (entry,) = entries("interchange.import")
    assert entry.user_id == moderator.pk
    assert entry.data["address"] == ADDRESS


def test_administrators_read_the_trail_in_site_history(client, staff_user, superuser):
    sign_in(client, "nadia", "wrong")
    sign_in(client, "ghost", "wrong")
    client.force_login(superuser)

    report = client.get("/admin/reports/site-history/")
    filtered = client.get("/admin/reports/site-history/", {"action": "accounts.login_failed"})

    assert report.status_code == HTTPStatus.OK
    content = filtered.content.decode()
    assert "Sign-in failed" in content
    assert f"from {ADDRESS}" in content
    assert "ghost" in content


def test_editors_cannot_read_other_users_sign_ins(client, staff_user):
    other = factories.UserFactory(username="pavel")
    sign_in(client, "pavel", "wrong")
    client.force_login(staff_user)

    report = client.get("/admin/reports/site-history/", {"action": "accounts.login_failed"})

    assert report.status_code in (HTTPStatus.OK, HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
    if report.status_code == HTTPStatus.OK:
        assert other.username not in report.content.decode()


def test_loading_serialised_groups_logs_nothing(db):
    """A fixture or the serialised test database (transactional tests) is nobody's action."""
    from django.core import serializers

    editors = Group.objects.get(name="Editors")
    data = serializers.serialize("json", [editors])
    editors.permissions.clear()
    before = ModelLogEntry.objects.count()
    for obj in serializers.deserialize("json", data):
        obj.save()
    assert editors.permissions.exists()
    assert ModelLogEntry.objects.count() == before
