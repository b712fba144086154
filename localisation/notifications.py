"""E-mail translators about their work: pages submitted into their language, sources changed since.

Two events, each told to the translators of the language concerned
(:func:`accounts.translator_groups.translators_of`) who have not turned such
e-mail off in their account settings:

- a page is submitted for translation (wagtail-localize creates a
  ``Translation`` record: the Translate form, a subtree's pages);
- a source page is published while translations of it exist.

What one database transaction submits is told in one message per translator
and event (a subtree of forty pages is one e-mail, not forty). The message is
sent by a task (Django's tasks framework) enqueued after the commit, so a
rolled-back action tells nobody, and a mail server's failure is logged: it
never undoes or interrupts the editor's action. Bulk writers of translations
that are already done (the demo loader, the importer) run inside
:func:`muted`.
"""

import logging
import weakref
from collections import defaultdict
from contextlib import contextmanager

from asgiref.local import Local
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation as django_translation
from django_tasks import task
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from accounts.translator_groups import translators_of
from accounts.translator_settings import wants_translation_emails

from .locales import content_languages

logger = logging.getLogger(__name__)

SUBMITTED = "submitted"
SOURCE_CHANGED = "source_changed"

_state = Local()


@contextmanager
def muted():
    """Tell nobody about translations created or sources published in this block (in this thread)."""
    previous = getattr(_state, "muted", False)
    _state.muted = True
    try:
        yield
    finally:
        _state.muted = previous


def is_muted():
    return getattr(_state, "muted", False)


class _Batch:
    """The notices of one transaction, sent once it commits.

    Only the transaction's on-commit list holds the batch; the thread keeps a
    weak reference. A rollback empties that list, the batch is freed, and the
    next notice starts a new one: nothing of a rolled-back action is sent.
    """

    def __init__(self):
        self.notices = defaultdict(set)  # {event: {translation id}}
        self.sent = False

    def send(self):
        self.sent = True
        for event, translation_ids in self.notices.items():
            enqueue(event, sorted(translation_ids))


def note(event, translation_id):
    batch = _state.batch() if getattr(_state, "batch", None) else None
    if batch is None or batch.sent:
        batch = _Batch()
        _state.batch = weakref.ref(batch)
        transaction.on_commit(batch.send)
    batch.notices[event].add(translation_id)


def enqueue(event, translation_ids):
    try:
        send_notices.enqueue(event, translation_ids)
    except Exception:  # the task queue is down: the action stands, the notice is lost and logged
        logger.exception("Could not enqueue the translation notice %s for %s", event, translation_ids)


def translation_created(sender, instance, created, raw=False, **kwargs):
    """``post_save`` receiver for wagtail-localize's ``Translation``: a page submitted into a language."""
    if created and not raw and instance.enabled and not is_muted():
        note(SUBMITTED, instance.pk)


def source_published(sender, instance, **kwargs):
    """``page_published`` receiver: tell the translators of a page whose translations are now behind it."""
    if is_muted():
        return
    translations = Translation.objects.filter(
        enabled=True,
        source__in=TranslationSource.objects.filter(object_id=instance.translation_key, locale_id=instance.locale_id),
    ).values_list("pk", flat=True)
    for translation_id in translations:
        note(SOURCE_CHANGED, translation_id)


@task()
def send_notices(event, translation_ids):
    """Send the notice of ``event`` about these translations to their languages' translators."""
    by_language = defaultdict(list)
    for translation in Translation.objects.filter(pk__in=translation_ids).select_related(
        "source__locale", "target_locale"
    ):
        by_language[translation.target_locale.language_code].append(translation)
    messages = []
    for language_code, translations in by_language.items():
        pages = _pages_of(translations)
        if not pages:
            continue
        recipients = wants_translation_emails(translators_of(language_code)).exclude(email="")
        for user in recipients.select_related("wagtail_userprofile"):
            messages.append(_message(user, event, language_code, pages))
    _send(messages)
    return len(messages)


def _pages_of(translations):
    """``[(source page, translated page or None)]`` of the translations, in tree order."""
    keys = {translation.source.object_id for translation in translations}
    pages = {(page.translation_key, page.locale_id): page for page in Page.objects.filter(translation_key__in=keys)}
    found = []
    for translation in translations:
        source = pages.get((translation.source.object_id, translation.source.locale_id))
        if source is not None:
            found.append((source, pages.get((translation.source.object_id, translation.target_locale_id))))
    return sorted(found, key=lambda pair: pair[0].path)


def _admin_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _message(user, event, language_code, pages):
    profile = getattr(user, "wagtail_userprofile", None)
    interface_language = profile.get_preferred_language() if profile else settings.LANGUAGE_CODE
    with django_translation.override(interface_language):
        context = {
            "user": user,
            "event": event,
            "language": content_languages().get(language_code, language_code),
            "pages": [
                {
                    "title": (translated or source).title,
                    "source_title": source.title,
                    "url": _admin_url(reverse("wagtailadmin_pages:edit", args=[(translated or source).pk])),
                }
                for source, translated in pages
            ],
            "report_url": _admin_url(reverse("localisation_translation_status") + f"?locale={language_code}"),
            "settings_url": _admin_url(reverse("wagtailadmin_account")),
        }
        subject = " ".join(render_to_string("localisation/email/translation_notice_subject.txt", context).split())
        body = render_to_string("localisation/email/translation_notice.txt", context)
    return EmailMessage(subject, body, to=[user.email])


def _send(messages):
    if not messages:
        return
    try:
        connection = get_connection(fail_silently=False)
        connection.send_messages(messages)
    except Exception:  # a mail server's failure must not break the action that caused the notice
        logger.exception("Could not send %d translation notice(s)", len(messages))
