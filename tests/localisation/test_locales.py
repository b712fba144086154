"""Languages come from settings: adding one to LANGUAGES creates its Locale on migrate."""

from django.apps import apps
from django.test import override_settings
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale

from localisation.locales import create_configured_locales


def test_every_configured_language_has_a_locale(locales):
    assert set(locales) == {"en", "nl", "fr", "ru"}


def test_a_new_language_in_settings_gets_its_locale_after_migrate(db):
    languages = [("en", "English"), ("nl", "Nederlands"), ("fr", "Français"), ("ru", "Русский"), ("uk", "Українська")]
    with override_settings(LANGUAGES=languages, WAGTAIL_CONTENT_LANGUAGES=languages):
        get_content_languages.cache_clear()
        create_configured_locales(sender=apps.get_app_config("localisation"))
    get_content_languages.cache_clear()
    assert Locale.objects.filter(language_code="uk").exists()
    # Running again changes nothing; locales are never deleted by it.
    create_configured_locales(sender=apps.get_app_config("localisation"))
    assert Locale.objects.filter(language_code="uk").exists()
    assert Locale.objects.count() == 5
