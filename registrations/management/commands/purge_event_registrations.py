"""Delete event registrations older than the retention period (``FORM_SUBMISSION_RETENTION_DAYS``)."""

from forms.retention import PurgeCommand
from registrations.retention import expired_registrations, purge_expired_registrations


class Command(PurgeCommand):
    help = (
        "Delete event registrations older than FORM_SUBMISSION_RETENTION_DAYS days (365 by default). "
        "run_scheduler runs it once a day."
    )
    kind = "event registration(s)"

    def expired(self, days):
        return expired_registrations(days)

    def purge(self, days):
        return purge_expired_registrations(days)
