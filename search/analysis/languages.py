"""What each language gets from the analysis, and the languages of the site's locales.

Per language: its Snowball stemmer (PyStemmer: the algorithms PostgreSQL and
Elasticsearch ship), its stopwords, and the built-in Elasticsearch analyser
its per-language fields are indexed with, all from the registry of languages
(:mod:`core.languages`). A language without a stemmer keeps its words whole;
one without a built-in analyser gets ``standard``.
"""

from functools import cache, lru_cache

import Stemmer
from wagtail.models import Locale

from core.languages import get_language, language_codes


def site_languages():
    """The site's content language codes, in settings order."""
    return language_codes()


def stopwords(languages):
    """The stopwords of any of ``languages``."""
    return set().union(*(get_language(language).stopwords for language in languages))


@cache
def stemmer(language):
    """The Snowball stemmer of ``language`` (``None`` for a language without one)."""
    algorithm = get_language(language).snowball_algorithm
    return Stemmer.Stemmer(algorithm) if algorithm else None


def elasticsearch_analyzer(language):
    return get_language(language).elasticsearch_analyzer


@lru_cache(maxsize=64)
def language_of_locale(locale_id):
    """A locale's language code, asked once per process (see :func:`forget_locale_languages`)."""
    return Locale.objects.filter(pk=locale_id).values_list("language_code", flat=True).first()


@lru_cache(maxsize=64)
def locale_of_language(language_code):
    """The id of the locale of a language code (``None`` if it has none), asked
    once per process (see :func:`forget_locale_languages`)."""
    return Locale.objects.filter(language_code=language_code).values_list("pk", flat=True).first()


def forget_locale_languages(**_kwargs):
    """Receiver of a locale's saving or deletion (connected in ``SearchConfig.ready``):
    the languages of locales, and the locales of languages, are asked again.
    Locale ids are never reused, and a locale's language seldom changes: other
    processes learn it at restart."""
    language_of_locale.cache_clear()
    locale_of_language.cache_clear()


def page_language(page):
    """The language the page is written in (its locale's code)."""
    return language_of_locale(page.locale_id) if page.locale_id else None
