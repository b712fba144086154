"""Delete form submissions older than the retention period (``FORM_SUBMISSION_RETENTION_DAYS``)."""

from forms.retention import PurgeCommand, expired_submissions, purge_expired_submissions


class Command(PurgeCommand):
    help = (
        "Delete visitors' form submissions older than FORM_SUBMISSION_RETENTION_DAYS days (365 by default). "
        "run_scheduler runs it once a day."
    )
    kind = "form submission(s)"

    def expired(self, days):
        return expired_submissions(days)

    def purge(self, days):
        return purge_expired_submissions(days)
