"""Text to index terms: normalisation, tokens, stems and name keys.

Wagtail analyses every page with one analyser per backend; this package turns
text of a known language into *index terms* in Python, so that every backend
(SQLite FTS5, PostgreSQL with the ``simple`` configuration, Elasticsearch with
a whitespace field) only has to match terms, and behaves the same:

* normalisation: Unicode NFKC, case folding, ``ё`` → ``е``;
* tokens of letters and digits, in any script;
* the Snowball stem of each token in the text's language (see
  :mod:`search.analysis.languages`), accents then folded from Latin letters,
  so ``coopération`` and ``cooperation`` meet;
* a *name key* per token: Cyrillic transliterated to Latin, then the Latin
  spelling conventions of English, Dutch, French and German folded to one
  consonant skeleton, so ``Pushkin``, ``Poesjkin``, ``Pouchkine``,
  ``Puschkin`` and ``Пушкин`` share the key ``0paxkan``. The rules are general
  phonetic correspondences, not a list of names.
"""

import re
import unicodedata
from functools import lru_cache

from search.analysis.languages import stemmer
from search.analysis.lemmas import lemma

#: Name keys start with this digit: no stem can, so keys and stems never collide
#: in one index field, and every engine's tokenizer keeps ``0paxkan`` whole.
KEY_PREFIX = "0"

#: Keys shorter than this (consonant skeletons such as ``ar``) say too little.
MIN_KEY_LENGTH = 3

TOKEN_RE = re.compile(r"[^\W_]+")
CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")

CYRILLIC_TO_LATIN = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
        "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
        "я": "ya", "і": "i", "ї": "i", "є": "e", "ґ": "g", "ў": "u",
    }
)  # fmt: skip

#: Latin spelling conventions folded to one spelling, longest first. ``x`` (after
#: Latin ``x`` became ``ks``) stands for every hushing or guttural sound that the
#: four languages spell differently: ш (sh, sj, ch, sch), ч (ch, tsj, tch,
#: tsch), щ (shch, sjtsj, chtch, schtsch), ж (zh, zj) and х (kh, ch).
LATIN_FOLDS = [
    (re.compile(r"x"), "ks"),
    (re.compile(r"(shch|sjtsj|chtch|schtsch|shtsh|sch|tsch|tsj|tch|sh|sj|ch|kh|zh|zj|tj)"), "x"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"[wf]"), "v"),
    (re.compile(r"ck|q|c"), "k"),
    (re.compile(r"(ts|tz|z)"), "s"),
    (re.compile(r"h"), "x"),
    (re.compile(r"(.)\1+"), r"\1"),
]
#: After the consonant folds: every run of vowels (and of the semivowels j, y,
#: i that spell Russian й, я, ю, е differently) counts as one vowel.
VOWEL_RUN_RE = re.compile(r"[aeiouyj]+")
TRAILING_VOWEL_RE = re.compile(r"a$")


def normalise(text):
    """NFKC, case folded, ``ё`` as ``е``."""
    return unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")


def fold_accents(token):
    """Strip diacritics from Latin letters (``liège`` → ``liege``); Cyrillic is left whole (``й``)."""
    if token.isascii() or CYRILLIC_RE.search(token):
        return token
    decomposed = unicodedata.normalize("NFKD", token)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def tokens(text):
    """``(start, end, normalised token)`` for each word of ``text``, offsets in ``text``."""
    return [(match.start(), match.end(), normalise(match.group())) for match in TOKEN_RE.finditer(text)]


@lru_cache(maxsize=200_000)
def stem(token, language):
    """The accent-folded Snowball stem of a normalised token in ``language``."""
    language_stemmer = stemmer(language)
    stemmed = language_stemmer.stemWord(token) if language_stemmer else token
    return fold_accents(stemmed)


def _latin_key(latin):
    if not latin.isascii():
        return None
    for pattern, replacement in LATIN_FOLDS:
        latin = pattern.sub(replacement, latin)
    skeleton = TRAILING_VOWEL_RE.sub("", VOWEL_RUN_RE.sub("a", latin))
    if len(skeleton) < MIN_KEY_LENGTH:
        return None
    return KEY_PREFIX + skeleton


@lru_cache(maxsize=200_000)
def name_keys(token):
    """The transliteration keys of a normalised token (none if it is too short to tell).

    Latin is folded as spelled. Cyrillic is transliterated twice, as written and
    reduced to its Russian stem, because the stemmer takes surname endings for
    case endings (``Чехов`` → ``чех``) while case forms need it (``Толстого``
    → ``толст``, as ``Tolstoy``). The Latin conventions are then folded to one
    consonant skeleton with one ``a`` per vowel run, and a final vowel dropped
    (``Pouchkine``, ``Tolstoy``, ``Пушкина``).
    """
    if token.isdigit():
        return ()
    if CYRILLIC_RE.search(token):
        spellings = (token, stem(token, "ru"))
        spellings = [spelling.translate(CYRILLIC_TO_LATIN) for spelling in spellings]
    else:
        spellings = [fold_accents(token)]
    return tuple(dict.fromkeys(key for key in map(_latin_key, spellings) if key))


#: Russian adjectives made from names of people and places (пушкинский,
#: брюссельский, толстовский, одесский, and every case form: the stemmer leaves
#: the suffix ``-ск``): their stems end so.
ADJECTIVE_SUFFIX = "ск"
#: Letters a derived adjective's base must keep, so that short common
#: adjectives (русский) are left alone.
MIN_ADJECTIVE_BASE = 4


@lru_cache(maxsize=200_000)
def derived_bases(token, language=None):
    """The stems of the name a Russian adjective is derived from (``пушкинский``
    → ``пушкин``; ``брюссельский`` → ``брюссел``; ``толстовский`` → ``толстов``,
    ``толст``; ``московский`` → ``москв``; ``пражский`` → ``праг``;
    ``одесский`` → ``одесс``), in whatever language the text is:
    the rule reads the Cyrillic word itself. None for other words."""
    if not CYRILLIC_RE.search(token):
        return ()
    stemmed = stem(token, "ru")
    if not stemmed.endswith(ADJECTIVE_SUFFIX) or len(stemmed) - len(ADJECTIVE_SUFFIX) < MIN_ADJECTIVE_BASE:
        return ()
    base = stemmed[: -len(ADJECTIVE_SUFFIX)]
    bases = {base, stem(base, "ru")}
    if base.endswith("ь"):  # Брюссель → брюссельский
        bases.add(base[:-1])
    if base.endswith(("ов", "ев")) and len(base) - 2 >= MIN_ADJECTIVE_BASE - 1:  # Толстой → толстовский
        bases.add(base[:-2])
        bases.add(base[:-2] + "в")  # Москва → московский
    if base.endswith("ж"):  # Прага → пражский, Волга → волжский: г alternates with ж before the suffix
        bases.add(base[:-1] + "г")
    if base.endswith("с"):  # Одесса → одесский: the name's double letter is written once
        bases.add(base + "с")
    return tuple(sorted(bases - {stemmed}))


@lru_cache(maxsize=200_000)
def lemma_stems(token, language):
    """The stem of the token's dictionary form, when the stemmer leaves the two
    apart (``musea`` → ``museum``; :mod:`search.analysis.lemmas`)."""
    found = lemma(token, language)
    if found is None:
        return ()
    stemmed = stem(found, language)
    return () if stemmed == stem(token, language) else (stemmed,)


def index_terms(text, language):
    """Index terms of ``text`` in ``language``: each word's stem and name key,
    and for a Russian adjective derived from a name, that name's (:func:`derived_bases`)."""
    terms = []
    for _start, _end, token in tokens(text):
        terms.append(stem(token, language))
        terms.extend(name_keys(token))
        for base in derived_bases(token):
            terms.append(base)
            terms.extend(name_keys(base))
    return terms
