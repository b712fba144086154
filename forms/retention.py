"""How long visitors' form submissions are kept: ``FORM_SUBMISSION_RETENTION_DAYS`` days.

Submissions hold personal data (names, addresses, messages). The privacy
notice promises they are deleted once they have served: after the retention
period, every submission of every form page goes, whichever language.
"""

import datetime
import logging

from django.conf import settings
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
