"""Language-aware text analysis shared by indexing, querying and highlighting.

Wagtail analyses every page with one analyser per backend; this module turns
text of a known language into *index terms* in Python, so that every backend
(SQLite FTS5, PostgreSQL with the ``simple`` configuration, Elasticsearch with
a whitespace field) only has to match terms, and behaves the same:

* normalisation: Unicode NFKC, case folding, ``ё`` → ``е``;
* tokens of letters and digits, in any script;
* the Snowball stem of each token in the text's language (PyStemmer: the same
  algorithms PostgreSQL and Elasticsearch ship), accents then folded from Latin
  letters, so ``coopération`` and ``cooperation`` meet;
* a *name key* per token: Cyrillic transliterated to Latin, then the Latin
  spelling conventions of English, Dutch, French and German folded to one
  consonant skeleton, so ``Pushkin``, ``Poesjkin``, ``Pouchkine``,
  ``Puschkin`` and ``Пушкин`` share the key ``~paxkan``. The rules are general
  phonetic correspondences, not a list of names.

A query is analysed the same way, in the requested language or in every
language of the site, and its alternatives are OR-ed by the backend.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache

import Stemmer
from django.conf import settings

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

#: Name keys start with this digit: no stem can, so keys and stems never collide
#: in one index field, and every engine's tokenizer keeps ``0paxkan`` whole.
KEY_PREFIX = "0"

#: Keys shorter than this (consonant skeletons such as ``ar``) say too little.
MIN_KEY_LENGTH = 3

#: Query keys at least this long also match as prefixes (compounds:
#: ``Poesjkin`` finds ``Poesjkindag``; adjectives: ``пушкинский``).
MIN_PREFIX_KEY_LENGTH = 5

#: Stems longer than this also match, less their last letter, as prefixes.
MIN_STEM_PREFIX = 6

#: Distinct words of a query that are analysed and searched for (the first
#: ones): a query of many short words costs no more than a long sentence.
MAX_QUERY_WORDS = 32

#: Words that carry no meaning on their own; dropped from queries (unless the
#: query has nothing else) so that "Union of Soviet Citizens" ranks by its
#: content words.
STOPWORDS = {
    "en": "a an and are as at be by for from in into is it of on or that the their this to was were with",
    "nl": "de het een en van in op te voor met aan bij door dat die is zijn om of uit tot als er",
    "fr": "le la les l un une des du de d et en à au aux pour par sur dans avec qui que est sont ou ce",
    "ru": "и в во на с со к ко о об по из за от до для у а но или что это как же не",
}
STOPWORDS = {language: frozenset(words.split()) for language, words in STOPWORDS.items()}

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


def site_languages():
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


@cache
def _stemmer(language):
    algorithm = SNOWBALL_ALGORITHMS.get(language)
    return Stemmer.Stemmer(algorithm) if algorithm else None


@lru_cache(maxsize=200_000)
def stem(token, language):
    """The accent-folded Snowball stem of a normalised token in ``language``."""
    stemmer = _stemmer(language)
    stemmed = stemmer.stemWord(token) if stemmer else token
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


def index_terms(text, language):
    """Index terms of ``text`` in ``language``: each word's stem and name key."""
    terms = []
    for _start, _end, token in tokens(text):
        terms.append(stem(token, language))
        terms.extend(name_keys(token))
    return terms


@dataclass
class QueryWord:
    """One word of a query and the index terms that count as a match for it."""

    text: str
    terms: frozenset
    prefixes: tuple = ()

    def matches(self, term):
        return term in self.terms or term.startswith(self.prefixes)


@dataclass
class AnalysedQuery:
    """A query string analysed for one or more languages."""

    text: str
    languages: list
    words: list = field(default_factory=list)

    @property
    def terms(self):
        """Every alternative term of every word, for the engine's OR query."""
        return sorted({term for word in self.words for term in word.terms})

    @property
    def prefix_keys(self):
        """Terms also matched as prefixes: long name keys (compounds such as
        ``Poesjkindag``) and long stems less their last letter (word forms the
        stemmer leaves apart, such as Dutch ``jubilea`` and ``jubileum``)."""
        return sorted({prefix for word in self.words for prefix in word.prefixes})

    def __bool__(self):
        return bool(self.words)


def _expand_synonyms(terms, language):
    """Editor-managed synonyms (``search.synonyms``), when that module is installed."""
    try:
        from search.synonyms import expand_query_terms
    except ImportError:
        return terms
    return set(expand_query_terms(set(terms), language))


def analyse_query(text, languages=None):
    """Analyse a query string in ``languages`` (default: every language of the site)."""
    languages = list(languages or site_languages())
    words = [token for _start, _end, token in tokens(text)]
    stopwords = set().union(*(STOPWORDS.get(language, ()) for language in languages))
    content_words = [word for word in words if word not in stopwords] or words
    analysed = AnalysedQuery(text=text, languages=languages)
    seen = set()
    for word in content_words:
        if word in seen:
            continue
        if len(seen) == MAX_QUERY_WORDS:
            break
        seen.add(word)
        keys = name_keys(word)
        terms = {fold_accents(word), *keys} | {stem(word, language) for language in languages}
        terms = _expand_synonyms(terms, languages[0] if len(languages) == 1 else None)
        prefixes = {key for key in keys if len(key) > MIN_PREFIX_KEY_LENGTH}
        prefixes |= {stem(word, language)[:-1] for language in languages if len(stem(word, language)) > MIN_STEM_PREFIX}
        analysed.words.append(QueryWord(text=word, terms=frozenset(terms), prefixes=tuple(sorted(prefixes))))
    return analysed


#: Letters that may be the first of a spelling convention folded as a whole
#: (``s`` of sh/sj/sch, ``t`` of ts/tsj/tch...), with the letters that complete it.
CONVENTION_CONTINUATIONS = {
    "s": ("h", "j", "ch"),
    "t": ("s", "sj", "ch", "sch"),
    "c": ("h",),
    "k": ("h",),
    "z": ("h", "j"),
    "p": ("h",),
}


def analyse_prefix(text, languages=None):
    """Analyse what is being typed, whose last word may be cut anywhere.

    A word cut inside a spelling convention (``Pus`` of ``Push``/``Poesj``)
    folds to another key than the whole word, so the last word also gets the
    keys of each completion of that convention: ``Pus`` then meets ``Пушкин``.
    """
    analysed = analyse_query(text, languages)
    if not analysed:
        return analysed
    last = analysed.words[-1]
    completions = CONVENTION_CONTINUATIONS.get(last.text[-1:], ())
    extra_keys = {key for ending in completions for key in name_keys(last.text + ending)}
    if extra_keys:
        analysed.words[-1] = QueryWord(text=last.text, terms=last.terms | extra_keys, prefixes=last.prefixes)
    return analysed


#: Fields whose text is analysed into a page's own terms by ``page_search_terms``
#: rather than indexed raw.
ANALYSED_FIELD_NAMES = ("search_title_terms", "search_terms")


@lru_cache(maxsize=64)
def language_of_locale(locale_id):
    """A locale's language code, asked once per process (see :func:`forget_locale_languages`)."""
    from wagtail.models import Locale

    return Locale.objects.filter(pk=locale_id).values_list("language_code", flat=True).first()


@lru_cache(maxsize=64)
def locale_of_language(language_code):
    """The id of the locale of a language code (``None`` if it has none), asked
    once per process (see :func:`forget_locale_languages`)."""
    from wagtail.models import Locale

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


def _flatten(value):
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _flatten(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _flatten(item)]
    return [str(value)]


def page_texts(page):
    """Every searchable text of a page other than its title: the values of its
    model's other ``SearchField``s (summary, body, city, venue, place...) and its tags."""
    from modelsearch.index import SearchField

    texts = []
    for search_field in page.get_search_fields():
        name = getattr(search_field, "field_name", None)
        if isinstance(search_field, SearchField) and name != "title" and name not in ANALYSED_FIELD_NAMES:
            texts.extend(_flatten(search_field.get_value(page)))
    tag_names = getattr(page, "indexed_tag_names", None)
    if tag_names is None and hasattr(page, "tags"):
        tag_names = [tag.name for tag in page.tags.all()]
    texts.extend(tag_names or ())
    return texts


def attach_tag_names(pages):
    """Read the tags of many pages in one query, for :func:`page_texts`.

    Indexing a chunk of pages, or building a page of search results, would
    otherwise ask for each page's tags; Django's ``prefetch_related`` does
    ask once, but builds a taggit queryset per page on the way.
    """
    from home.models import PageTag

    pages = list(pages)
    names = {page.pk: [] for page in pages if hasattr(page, "tags")}
    rows = (
        PageTag.objects.filter(content_object_id__in=names)
        .order_by("tag__name")
        .values_list("content_object_id", "tag__name")
    )
    for page_id, name in rows:
        names[page_id].append(name)
    for page in pages:
        if page.pk in names:
            page.indexed_tag_names = names[page.pk]
    return pages


def page_title_terms(page):
    """The analysed terms of a page's title, in the page's language."""
    return " ".join(index_terms(page.title, page_language(page)))


def page_search_terms(page):
    """The analysed terms of all a page's text (title included), in the page's language."""
    language = page_language(page)
    return " ".join(index_terms(" ".join([page.title, *page_texts(page)]), language))
