"""Delete event registrations older than the retention period (``FORM_SUBMISSION_RETENTION_DAYS``)."""

from django.core.management.base import BaseCommand, CommandError

from forms.retention import retention_days
from registrations.retention import expired_registrations, purge_expired_registrations


class Command(BaseCommand):
    help = (
        "Delete event registrations older than FORM_SUBMISSION_RETENTION_DAYS days (365 by default). "
        "run_scheduler runs it once a day."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="Keep this many days instead of the setting.")
        parser.add_argument("--dry-run", action="store_true", help="Count what would be deleted; delete nothing.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = retention_days() if days is None else days
        if days < 0:
            raise CommandError("--days must be zero or more.")
        if dry_run:
            count = expired_registrations(days).count()
            self.stdout.write(f"{count} event registration(s) older than {days} days would be deleted.")
            return
        count = purge_expired_registrations(days)
        self.stdout.write(f"{count} event registration(s) older than {days} days deleted.")
