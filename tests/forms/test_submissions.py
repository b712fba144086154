"""Submissions in the admin (list, CSV export, deletion) and their retention period."""

import datetime
import io
from http import HTTPStatus

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from tests import factories


def submit(page, days_ago=0, **data):
    submission = FormSubmission.objects.create(page=page, form_data=data)
    submit_time = timezone.now() - datetime.timedelta(days=days_ago)
    FormSubmission.objects.filter(pk=submission.pk).update(submit_time=submit_time)
    return submission


def test_moderators_see_the_submissions_and_export_them_as_csv(client, moderator, contact_page, filled_in):
    client.post("/en/contact/", filled_in)
    client.force_login(moderator)

    listing = client.get(reverse("wagtailforms:list_submissions", args=[contact_page.pk]))
    assert listing.status_code == HTTPStatus.OK
    assert "Anna Ivanova" in listing.content.decode()

    export = client.get(reverse("wagtailforms:list_submissions", args=[contact_page.pk]), {"export": "csv"})
    assert export.status_code == HTTPStatus.OK
    csv = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    header, row = csv.strip().splitlines()[:2]
    assert "Your name" in header and "Message" in header and "website" not in header.lower()
    assert "Anna Ivanova" in row and "How do we join the network?" in row


def test_a_submission_is_deleted_from_the_admin(client, moderator, contact_page):
    kept = submit(contact_page, your_name="Boris")
    deleted = submit(contact_page, your_name="Vera")
    client.force_login(moderator)
    url = reverse("wagtailforms:delete_submissions", args=[contact_page.pk]) + f"?selected-submissions={deleted.pk}"

    assert client.get(url).status_code == HTTPStatus.OK
    response = client.post(url)

    assert response.status_code == HTTPStatus.FOUND
    assert list(FormSubmission.objects.values_list("pk", flat=True)) == [kept.pk]


def test_submissions_past_the_retention_period_are_purged(settings, contact_page):
    settings.FORM_SUBMISSION_RETENTION_DAYS = 30
    old = submit(contact_page, days_ago=31, your_name="Old")
    recent = submit(contact_page, days_ago=29, your_name="Recent")
    out = io.StringIO()

    call_command("purge_form_submissions", "--dry-run", stdout=out)
    assert "1 form submission(s) older than 30 days would be deleted" in out.getvalue()
    assert FormSubmission.objects.filter(pk=old.pk).exists()

    call_command("purge_form_submissions", stdout=io.StringIO())
    assert list(FormSubmission.objects.values_list("pk", flat=True)) == [recent.pk]


def test_the_retention_period_can_be_given_on_the_command_line(contact_page):
    submit(contact_page, days_ago=8)
    call_command("purge_form_submissions", "--days", "7", stdout=io.StringIO())
    assert not FormSubmission.objects.exists()


def test_the_scheduler_purges_once_a_day(settings, contact_page):
    settings.FORM_SUBMISSION_RETENTION_DAYS = 365
    submit(contact_page, days_ago=400)

    call_command("run_scheduler", "--once", stdout=io.StringIO())

    assert not FormSubmission.objects.exists()


def test_editors_build_a_form_page_in_the_admin(client, contact_page, home_page):
    client.force_login(factories.UserFactory(is_superuser=True))

    assert client.get(reverse("wagtailadmin_pages:edit", args=[contact_page.pk])).status_code == HTTPStatus.OK
    add_url = reverse("wagtailadmin_pages:add", args=["forms", "formpage", home_page.pk])
    assert client.get(add_url).status_code == HTTPStatus.OK
