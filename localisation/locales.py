"""The site's languages as the localisation app uses them (the registry is :mod:`core.languages`)."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_supported_language_variant

from core.languages import language_names


@dataclass(frozen=True)
class PageLanguage:
    """One language a page (or a non-page view) exists in."""

    language_code: str
    name: str
    url: str
    full_url: str
    is_current: bool
    is_default: bool


def content_languages():
    """``{code: native name}`` of the content languages, in settings order (:mod:`core.languages`)."""
    return language_names()


def default_language_code():
    return get_supported_language_variant(settings.LANGUAGE_CODE)


def create_configured_locales(using="default", apps=None, **kwargs):
    """Create a Locale for every configured content language that lacks one.

    Connected to ``post_migrate``. Locales are never deleted here: removing a
    language from settings must not delete its pages.
    """
    from wagtail.models import Locale

    existing = set(Locale.objects.using(using).values_list("language_code", flat=True))
    Locale.objects.using(using).bulk_create(
        Locale(language_code=code) for code in content_languages() if code not in existing
    )
