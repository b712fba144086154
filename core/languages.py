"""The registry of the site's content languages and what each consumer needs of them.

``settings.WAGTAIL_CONTENT_LANGUAGES`` (with ``LANGUAGES``) stays the one place
to configure which languages the site has; adding one there is enough for
locales, URL prefixes, the switcher, the content import and search to follow.
This module adds to each configured language what the parts of the site need
to know about it, from one table per concern:

- its Snowball stemmer (PyStemmer ships the algorithms PostgreSQL and
  Elasticsearch use), ``None`` for a language without one (its words are kept whole);
- its built-in Elasticsearch analyser, ``standard`` for a language without one;
- its stopwords: words dropped from search queries (unless nothing else is left).

The tables name more languages than the site uses, so that configuring another
language needs no code; a language they do not know still works, unstemmed.
"""

from dataclasses import dataclass
from functools import cache, cached_property

from wagtail.coreutils import get_content_languages

#: Snowball algorithm of each language (ISO 639-1) that has one.
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

#: Elasticsearch's built-in language analysers, by ISO 639-1 code.
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
DEFAULT_ELASTICSEARCH_ANALYZER = "standard"

#: Words that carry no meaning on their own: dropped from search queries so
#: that "Union of Soviet Citizens" ranks by its content words.
STOPWORDS = {
    "en": "a an and are as at be by for from in into is it of on or that the their this to was were with",
    "nl": "de het een en van in op te voor met aan bij door dat die is zijn om of uit tot als er",
    "fr": "le la les l un une des du de d et en à au aux pour par sur dans avec qui que est sont ou ce",
    "ru": "и в во на с со к ко о об по из за от до для у а но или что это как же не",
}


def base_language(code):
    """The ISO 639-1 part of a language code (``nl`` of ``nl-BE``): what the tables are keyed by."""
    return code.split("-")[0].lower()


@dataclass(frozen=True)
class Language:
    """One content language: its code and name (from settings) and what analysis needs of it."""

    code: str
    name: str

    @property
    def base(self):
        return base_language(self.code)

    @property
    def snowball_algorithm(self):
        return SNOWBALL_ALGORITHMS.get(self.base)

    @property
    def elasticsearch_analyzer(self):
        return ELASTICSEARCH_ANALYZERS.get(self.base, DEFAULT_ELASTICSEARCH_ANALYZER)

    @cached_property
    def stopwords(self):
        return frozenset(STOPWORDS.get(self.base, "").split())


def content_languages():
    """The site's content languages (:class:`Language`), in settings order."""
    return [_language(code, str(name)) for code, name in get_content_languages().items()]


def language_codes():
    """The codes of the content languages, in settings order."""
    return list(get_content_languages())


def language_names():
    """``{code: name}`` of the content languages, in settings order."""
    return {language.code: language.name for language in content_languages()}


def get_language(code):
    """The :class:`Language` of ``code``, configured or not (for analysis of any text); ``None``
    stands for text of no known language, which gets no stemmer and no stopwords."""
    code = code or ""
    return _language(code, str(get_content_languages().get(code, code)))


@cache
def _language(code, name):
    return Language(code, name)
