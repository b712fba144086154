"""Taking and giving back places: stored first, e-mailed after.

Each change runs in one transaction that locks the event's pages (every
translation), so that two visitors registering at once cannot both take the
last place, and a cancellation promotes exactly one person. E-mails are sent
once the transaction is committed; one that fails is logged, and the visitor
still gets their answer: the registration is kept whatever the mail server does.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Page

from .registrant import Registrant, RegistrationStatus

logger = logging.getLogger(__name__)


class RegistrationRefused(Exception):
    """No place and no waiting list, or registration closed."""


def _lock_event(page):
    # Ordered by primary key, so that concurrent transactions lock in the same order.
    list(Page.objects.select_for_update().filter(translation_key=page.translation_key).order_by("pk"))


def register(page, name, email):
    """Register ``email`` for ``page``'s event: a confirmed place, or the waiting list.

    Returns ``(registrant, created)``; an address already registered (confirmed
    or waiting) gets its existing registration back, ``created`` False.
    Raises :class:`RegistrationRefused` when there is no room and no waiting list.
    """
    with transaction.atomic():
        _lock_event(page)
        existing = page.registrations().filter(email__iexact=email).exclude(status=RegistrationStatus.CANCELLED).first()
        if existing:
            return existing, False
        if not page.registration_is_open:
            raise RegistrationRefused
        if page.registration_full:
            if not page.registration_waiting_list:
                raise RegistrationRefused
            status = RegistrationStatus.WAITING
        else:
            status = RegistrationStatus.CONFIRMED
        registrant = Registrant.objects.create(
            page=page,
            event_key=page.translation_key,
            name=name,
            email=email,
            status=status,
            language_code=page.locale.language_code,
        )
    send_registration_mail(registrant, page)
    return registrant, True


def cancel(registrant, page):
    """Cancel a registration; a confirmed place freed goes to the first on the waiting list (returned)."""
    promoted = None
    with transaction.atomic():
        _lock_event(page)
        registrant.refresh_from_db()
        if registrant.status == RegistrationStatus.CANCELLED:
            return None
        freed_place = registrant.status == RegistrationStatus.CONFIRMED
        registrant.status = RegistrationStatus.CANCELLED
        registrant.save(update_fields=["status", "status_changed_at"])
        if freed_place and not page.registration_full:
            promoted = (
                page.registrations().filter(status=RegistrationStatus.WAITING).order_by("created_at", "pk").first()
            )
            if promoted:
                promoted.status = RegistrationStatus.CONFIRMED
                promoted.save(update_fields=["status", "status_changed_at"])
    if promoted:
        send_registration_mail(promoted, page, promoted=True)
    return promoted


def registration_url(registrant, page):
    """The registrant's own page (status and cancellation), on the page of the language they registered in."""
    event = page.get_translation_or_none(_locale_of(registrant)) or page
    return event.get_full_url() + event.reverse_subpage("registration", kwargs={"token": registrant.token})


def _locale_of(registrant):
    from wagtail.models import Locale

    return Locale.objects.filter(language_code=registrant.language_code).first()


def send_registration_mail(registrant, page, promoted=False):
    """The confirmation (or waiting-list, or promotion) e-mail, in the registrant's language; failures logged."""
    event = page.get_translation_or_none(_locale_of(registrant)) or page
    context = {
        "registrant": registrant,
        "event": event.specific,
        "promoted": promoted,
        "registration_url": registration_url(registrant, page),
        "waiting_position": registrant.waiting_position(),
    }
    try:
        with translation.override(registrant.language_code):
            subject = " ".join(render_to_string("registrations/email/subject.txt", context).split())
            body = render_to_string("registrations/email/body.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [registrant.email])
    except Exception:
        logger.exception(
            "Registration stored, but its e-mail could not be sent",
            extra={"page_id": page.pk, "registrant_id": registrant.pk},
        )
