"""Registrations in the admin (list, CSV export) and their retention period."""

import datetime
import io
from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.utils import timezone

from registrations.registrant import Registrant
from tests import factories


def test_moderators_list_and_export_the_registrations_as_csv(client, concert):
    factories.RegistrantFactory(page=concert, name="Anna Ivanova", email="anna@example.org")
    client.force_login(factories.UserFactory(group="Moderators"))

    listing = client.get("/admin/registrations/")
    assert listing.status_code == HTTPStatus.OK
    assert "Anna Ivanova" in listing.content.decode()

    export = client.get("/admin/registrations/", {"export": "csv"})
    assert export.status_code == HTTPStatus.OK
    csv = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    header, row = csv.strip().splitlines()[:2]
    assert "E-mail address" in header and "Status" in header
    assert "Anna Ivanova" in row and "Romances evening" in row and "Confirmed" in row


@pytest.mark.parametrize("group", ["Editors", "Translators"])
def test_editors_and_translators_do_not_see_the_registrations(client, concert, group):
    factories.RegistrantFactory(page=concert, name="Anna Ivanova")
    client.force_login(factories.UserFactory(group=group))

    response = client.get("/admin/registrations/")

    assert "Anna Ivanova" not in response.content.decode()
    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)


def test_registrations_past_the_retention_period_are_purged(settings, concert):
    settings.FORM_SUBMISSION_RETENTION_DAYS = 30
    old = factories.RegistrantFactory(page=concert)
    Registrant.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=31))
    recent = factories.RegistrantFactory(page=concert)

    out = io.StringIO()
    call_command("purge_event_registrations", "--dry-run", stdout=out)
    assert "1 event registration(s)" in out.getvalue()
    assert Registrant.objects.count() == 2

    call_command("purge_event_registrations", stdout=io.StringIO())
    assert list(Registrant.objects.values_list("pk", flat=True)) == [recent.pk]


def test_the_scheduler_purges_registrations_daily():
    from core.management.commands.run_scheduler import DAILY_COMMANDS

    assert "purge_event_registrations" in DAILY_COMMANDS
