"""A visitor's registration for an event, and its status."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registrant(models.Model):
    """One visitor's registration for an event (personal data: deleted after the retention period)."""

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrants"
    )
    event_key = models.UUIDField(_("event (all languages)"), db_index=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    language_code = models.CharField(_("language"), max_length=16, editable=False)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True, db_index=True)
    status_changed_at = models.DateTimeField(_("status changed at"), auto_now=True)

    class Meta:
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    @property
    def is_active(self):
        return self.status != RegistrationStatus.CANCELLED

    def waiting_position(self):
        """1 for the first on the waiting list; None when not waiting."""
        if self.status != RegistrationStatus.WAITING:
            return None
        earlier = Registrant.objects.filter(
            event_key=self.event_key, status=RegistrationStatus.WAITING, created_at__lte=self.created_at
        ).exclude(created_at=self.created_at, pk__gt=self.pk)
        return earlier.count()
