"""Machine translation: off by default, and wired so that a backend can be switched on."""

from http import HTTPStatus

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation

from tests import factories


def test_machine_translation_is_off_by_default():
    assert settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR is None


@pytest.fixture
def dutch_translation(client, organisation_section):
    user = factories.UserFactory(group="Translators")
    client.force_login(user)
    page = factories.OrganisationPageFactory(parent=organisation_section["en"], title="Choir")
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [Locale.objects.get(language_code="nl").pk]},
    )
    return Translation.objects.get(source__object_id=page.translation_key, target_locale__language_code="nl")


def test_machine_translate_view_is_absent_when_off(client, dutch_translation):
    response = client.post(reverse("wagtail_localize:machine_translate", args=[dutch_translation.pk]), follow=True)
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert dutch_translation.get_progress()[1] == 0


@override_settings(
    # The dummy backend reverses words offline: the same code path as DeepL, no network.
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR={"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}
)
def test_a_configured_backend_fills_in_the_translation(client, dutch_translation):
    response = client.post(reverse("wagtail_localize:machine_translate", args=[dutch_translation.pk]))
    assert response.status_code == HTTPStatus.FOUND
    total, translated = dutch_translation.get_progress()
    assert translated == total > 0
