"""How long visitors' form submissions are kept: ``FORM_SUBMISSION_RETENTION_DAYS`` days.

Submissions hold personal data (names, addresses, messages). The privacy
notice promises they are deleted once they have served: after the retention
period, every submission of every form page goes, whichever language.
"""

import datetime
import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

logger = logging.getLogger(__name__)


def retention_days():
    return int(getattr(settings, "FORM_SUBMISSION_RETENTION_DAYS", 365))


def expired_submissions(days=None, now=None):
    days = retention_days() if days is None else days
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    return FormSubmission.objects.filter(submit_time__lt=cutoff)


def purge_expired_submissions(days=None, now=None):
    """Delete the submissions older than the retention period; how many went."""
    deleted, _by_model = expired_submissions(days, now).delete()
    if deleted:
        logger.info("Form submissions past their retention period deleted", extra={"count": deleted})
    return deleted


class PurgeCommand(BaseCommand):
    """A command that deletes a kind of visitors' personal data older than the retention period.

    Subclasses name what they delete (``kind``, plural as "form submission(s)") and give the
    queryset of what has expired (``expired``) and the deletion (``purge``, returning a count).
    """

    kind = ""

    def expired(self, days):
        raise NotImplementedError

    def purge(self, days):
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="Keep this many days instead of the setting.")
        parser.add_argument("--dry-run", action="store_true", help="Count what would be deleted; delete nothing.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = retention_days() if days is None else days
        if days < 0:
            raise CommandError("--days must be zero or more.")
        if dry_run:
            count = self.expired(days).count()
            self.stdout.write(f"{count} {self.kind} older than {days} days would be deleted.")
            return
        count = self.purge(days)
        self.stdout.write(f"{count} {self.kind} older than {days} days deleted.")
