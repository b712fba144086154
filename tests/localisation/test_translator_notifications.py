"""Translators are told of their work: pages submitted into their language, sources changed since."""

import logging
from http import HTTPStatus

import pytest
from django.core import mail
from wagtail.models import Locale
from wagtail_localize.operations import translate_object

from accounts.models import TranslatorPreferences
from accounts.translator_groups import language_group_name
from localisation.notifications import muted
from tests import factories


@pytest.fixture
def french_translator(db):
    return factories.UserFactory(username="camille", group=language_group_name("fr"))


@pytest.fixture
def dutch_translator(db):
    return factories.UserFactory(username="anneke", group=language_group_name("nl"))


@pytest.fixture
def submit(django_capture_on_commit_callbacks):
    """Submit pages for translation as the Translate form does, and commit."""

    def _submit(page, *language_codes):
        with django_capture_on_commit_callbacks(execute=True):
            translate_object(page, list(Locale.objects.filter(language_code__in=language_codes)))

    return _submit


def test_submitting_a_page_mails_the_translators_of_that_language_only(
    federation, french_translator, dutch_translator, submit
):
    submit(federation, "fr")
    assert [message.to for message in mail.outbox] == [[french_translator.email]]
    message = mail.outbox[0]
    assert "Français" in message.subject
    assert "Coordination Council" in message.body
    assert "/admin/pages/" in message.body
    assert "/admin/reports/translation-status/?locale=fr" in message.body


def test_translators_of_every_language_hear_of_each(federation, submit):
    everyone = factories.UserFactory(group="Translators")
    submit(federation, "fr", "ru")
    assert sorted(message.subject for message in mail.outbox if message.to == [everyone.email]) == [
        "A page to translate into Français",
        "A page to translate into Русский",
    ]


def test_a_changed_source_mails_its_translators(
    federation, french_translator, submit, django_capture_on_commit_callbacks
):
    submit(federation, "fr")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        federation.save_revision().publish()
    assert [message.to for message in mail.outbox] == [[french_translator.email]]
    assert "changed" in mail.outbox[0].subject


def test_publishing_a_translation_tells_nobody(
    federation, french_translator, submit, django_capture_on_commit_callbacks
):
    submit(federation, "fr")
    mail.outbox.clear()
    french = federation.get_translation(Locale.objects.get(language_code="fr"))
    with django_capture_on_commit_callbacks(execute=True):
        french.save_revision().publish()
    assert mail.outbox == []


def test_a_translator_may_turn_the_mail_off(federation, french_translator, submit):
    TranslatorPreferences.objects.create(user=french_translator, translation_work_emails=False)
    submit(federation, "fr")
    assert mail.outbox == []


def test_inactive_translators_and_others_hear_nothing(federation, submit):
    factories.UserFactory(group=language_group_name("fr"), is_active=False)
    factories.UserFactory(group="Editors")
    submit(federation, "fr")
    assert mail.outbox == []


def test_muted_writes_tell_nobody(federation, french_translator, submit):
    with muted():
        submit(federation, "fr")
    assert mail.outbox == []


def test_ready_translations_from_an_import_or_the_demo_tell_nobody(federation, french_translator, translate):
    translate(federation, "fr", {"title": "Conseil", "slug": "conseil"})
    assert mail.outbox == []


def test_a_mail_failure_is_logged_and_the_submission_stands(federation, french_translator, submit, settings, caplog):
    settings.EMAIL_BACKEND = "tests.helpers.mail.FailingEmailBackend"
    with caplog.at_level(logging.ERROR, logger="localisation.notifications"):
        submit(federation, "fr")
    assert federation.has_translation(Locale.objects.get(language_code="fr"))
    assert "Could not send 1 translation notice" in caplog.text


def test_the_submit_form_still_answers_when_mail_fails(client, federation, french_translator, settings):
    settings.EMAIL_BACKEND = "tests.helpers.mail.FailingEmailBackend"
    client.force_login(factories.UserFactory(group="Editors"))
    french = Locale.objects.get(language_code="fr")
    response = client.post(f"/admin/localize/submit/page/{federation.pk}/", {"locales": [french.pk]})
    assert response.status_code == HTTPStatus.FOUND
    assert federation.has_translation(french)


def test_one_message_for_what_one_action_submits(
    organisation_section, french_translator, translate, django_capture_on_commit_callbacks
):
    translate(organisation_section["en"], "fr", {"title": "Organisations", "slug": "organisations"})
    pages = [
        factories.OrganisationPageFactory(parent=organisation_section["en"], title=f"Org {n}", slug=f"org-{n}")
        for n in range(3)
    ]
    mail.outbox.clear()
    french = [Locale.objects.get(language_code="fr")]
    with django_capture_on_commit_callbacks(execute=True):
        for page in pages:
            translate_object(page, french)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "3 pages to translate into Français"
    assert all(f"Org {n}" in mail.outbox[0].body for n in range(3))
