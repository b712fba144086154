"""Dictionary forms beside stems, where the stemmer misses.

Snowball strips regular endings; irregular forms keep apart from their base
word (Dutch ``musea`` and ``museum``, English ``mice`` and ``mouse``, French
``chevaux`` and ``cheval``). ``simplemma`` (MIT, zero dependencies, dictionary
lemmatisation for 50-odd languages) gives a word's dictionary form; when its
stem differs from the word's own, a query's word also matches that stem
(:func:`search.analysis.query.analyse_query`): ``musea`` finds pages saying
``museum``, on every backend (Elasticsearch too: its ``_search_terms`` field
is queried with the terms analysed here).

Pages are not indexed with their words' dictionary forms: tried, the extra
terms (one word in twenty in Dutch, many of them verb forms) lengthened the
Dutch and French texts against the Russian and reordered translations that
matched equally, and the judged sets scored lower (docs/search.md). So
``museum`` does not find a page saying only ``musea``; the stem prefixes
of :mod:`search.analysis.query` meet most such pairs (``jubileum``,
``jubilea``).

Each language's dictionary is loaded into memory the first time it is used,
once per process. They differ much in size: English, Dutch and French take
about 70 MB and a few seconds together; Russian alone takes 150 MB and about
ten seconds, for little gain (the Snowball stemmer meets nearly all Russian
forms, and the derived adjectives are met by :func:`~search.analysis.text.derived_bases`).
The languages lemmatised are therefore a setting, ``SEARCH_LEMMA_LANGUAGES``
(default :data:`DEFAULT_LEMMA_LANGUAGES`).
"""

from functools import lru_cache

import simplemma
from django.conf import settings

DEFAULT_LEMMA_LANGUAGES = ("en", "nl", "fr")

#: Words shorter than this are left alone: short words are mostly function
#: words, whose dictionary forms (``is`` → ``be``) say nothing more.
MIN_LEMMA_WORD = 4

#: Letters a word and its dictionary form must begin with alike: irregular
#: plurals and stem changes (``musea``/``museum``, ``chevaux``/``cheval``,
#: ``children``/``child``) keep their start; suppletive forms of common verbs
#: (``went``/``go``, ``sont``/``être``) do not, and would tie every text using
#: them to words they do not contain.
MIN_SHARED_START = 3


def lemma_languages():
    return frozenset(getattr(settings, "SEARCH_LEMMA_LANGUAGES", DEFAULT_LEMMA_LANGUAGES))


@lru_cache(maxsize=200_000)
def lemma(token, language):
    """The dictionary form of a normalised token in ``language``, normalised
    (lower case), or ``None``: the language is not lemmatised, the word is
    short or unknown, or it is its own dictionary form."""
    if len(token) < MIN_LEMMA_WORD or language not in lemma_languages() or token.isdigit():
        return None
    if not simplemma.is_known(token, lang=language):
        return None
    found = simplemma.lemmatize(token, lang=language).casefold()
    if found == token or not found.isalpha() or found[:MIN_SHARED_START] != token[:MIN_SHARED_START]:
        return None
    return found
