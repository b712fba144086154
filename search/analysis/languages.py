"""What each language gets from the analysis, and the languages of the site's locales.

Per language: its Snowball stemmer (PyStemmer: the algorithms PostgreSQL and
Elasticsearch ship), its stopwords, and the built-in Elasticsearch analyser
its per-language fields are indexed with. A language without a stemmer keeps
its words whole; one without a built-in analyser gets ``standard``.
"""

from functools import cache, lru_cache

import Stemmer
from django.conf import settings
from wagtail.models import Locale

#: Snowball algorithm of each language code the site may use.
SNOWBALL_ALGORITHMS = {
    "da": "danish",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "hu": "hungarian",
    "it": "italian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sv": "swedish",
    "tr": "turkish",
}

#: Words that carry no meaning on their own; dropped from queries (unless the
#: query has nothing else) so that "Union of Soviet Citizens" ranks by its
#: content words.
STOPWORDS = {
    language: frozenset(words.split())
    for language, words in {
        "en": "a an and are as at be by for from in into is it of on or that the their this to was were with",
        "nl": "de het een en van in op te voor met aan bij door dat die is zijn om of uit tot als er",
        "fr": "le la les l un une des du de d et en à au aux pour par sur dans avec qui que est sont ou ce",
        "ru": "и в во на с со к ко о об по из за от до для у а но или что это как же не",
    }.items()
}

#: Elasticsearch's built-in language analysers, by ISO 639-1 code (the
#: per-language fields of ``search.backends.elasticsearch_common``).
ELASTICSEARCH_ANALYZERS = {
    "ar": "arabic",
    "bg": "bulgarian",
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "eu": "basque",
    "fa": "persian",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "gl": "galician",
    "hi": "hindi",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "lv": "latvian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sv": "swedish",
    "th": "thai",
    "tr": "turkish",
}


def site_languages():
    """The site's content language codes, in settings order."""
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def stopwords(languages):
    """The stopwords of any of ``languages``."""
    return set().union(*(STOPWORDS.get(language, ()) for language in languages))


@cache
def stemmer(language):
    """The Snowball stemmer of ``language`` (``None`` for a language without one)."""
    algorithm = SNOWBALL_ALGORITHMS.get(language)
    return Stemmer.Stemmer(algorithm) if algorithm else None


def elasticsearch_analyzer(language):
    return ELASTICSEARCH_ANALYZERS.get(language, "standard")


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
