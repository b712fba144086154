"""Registrations hold personal data: kept as long as form submissions (``FORM_SUBMISSION_RETENTION_DAYS``)."""

import datetime
import logging

from django.utils import timezone

from forms.retention import retention_days

from .registrant import Registrant

logger = logging.getLogger(__name__)


def expired_registrations(days=None, now=None):
    days = retention_days() if days is None else days
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    return Registrant.objects.filter(created_at__lt=cutoff)


def purge_expired_registrations(days=None, now=None):
    """Delete the registrations older than the retention period; how many went."""
    deleted, _by_model = expired_registrations(days, now).delete()
    if deleted:
        logger.info("Event registrations past their retention period deleted", extra={"count": deleted})
    return deleted
