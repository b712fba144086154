"""Query analysis: a query string as words, each with the index terms that match it.

A query is analysed the way pages are indexed (:mod:`search.analysis.text`),
in the requested language or in every language of the site, its stopwords
dropped and the editors' synonyms added; the backend ORs its alternatives.
"""

from dataclasses import dataclass, field

from search.analysis.languages import site_languages, stopwords
from search.analysis.text import derived_bases, fold_accents, lemma_stems, name_keys, stem, tokens

#: Query keys at least this long also match as prefixes (compounds:
#: ``Poesjkin`` finds ``Poesjkindag``; adjectives: ``пушкинский``).
MIN_PREFIX_KEY_LENGTH = 5

#: Stems longer than this also match, less their last letter, as prefixes.
MIN_STEM_PREFIX = 6

#: Distinct words of a query that are analysed and searched for (the first
#: ones): a query of many short words costs no more than a long sentence.
MAX_QUERY_WORDS = 32

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


@dataclass
class QueryWord:
    """One word of a query and the index terms that count as a match for it."""

    text: str
    terms: frozenset
    prefixes: tuple = ()
    #: Indexed terms a few edits away, when the word's own terms (almost)
    #: match nothing (:mod:`search.analysis.fuzzy`): they rank below ``terms``.
    fuzzy: frozenset = frozenset()
    #: ``[(distance, -pages, term)]``: the nearest indexed terms, best first.
    corrections: tuple = ()
    #: Whether the word's own terms are in few pages (or that is unknown),
    #: so that it is matched with typo tolerance; ``False`` once the term
    #: dictionary shows it common enough (:func:`~search.analysis.fuzzy.expand_fuzzy`).
    few_matches: bool = True

    def matches(self, term):
        return term in self.terms or term.startswith(self.prefixes) or term in self.fuzzy


@dataclass
class AnalysedQuery:
    """A query string analysed for one or more languages."""

    text: str
    languages: list
    words: list = field(default_factory=list)

    @property
    def terms(self):
        """Every alternative term of every word, its typo neighbours included,
        for the engine's OR query."""
        return sorted({term for word in self.words for term in word.terms | word.fuzzy})

    @property
    def typo_tolerant_terms(self):
        """The own terms of the words matching few pages: what an engine with
        its own fuzzy queries (Elasticsearch) matches with edits."""
        return sorted({term for word in self.words if word.few_matches for term in word.terms})

    @property
    def is_fuzzy(self):
        """Whether a word was expanded to its typo neighbours."""
        return any(word.fuzzy for word in self.words)

    @property
    def prefix_keys(self):
        """Terms also matched as prefixes: long name keys (compounds such as
        ``Poesjkindag``) and long stems less their last letter (word forms the
        stemmer leaves apart, such as Dutch ``jubilea`` and ``jubileum``)."""
        return sorted({prefix for word in self.words for prefix in word.prefixes})

    def __bool__(self):
        return bool(self.words)


def _expand_synonyms(terms, language):
    """The terms and those of the editors' synonyms of them (:mod:`search.analysis.synonyms`)."""
    # Imported here to break a cycle: the synonyms module analyses each
    # variant with analyse_query, at module level.
    from search.analysis.synonyms import expand_query_terms

    return set(expand_query_terms(set(terms), language))


def _word_prefixes(word, keys, languages):
    prefixes = {key for key in keys if len(key) > MIN_PREFIX_KEY_LENGTH}
    prefixes |= {stem(word, language)[:-1] for language in languages if len(stem(word, language)) > MIN_STEM_PREFIX}
    return tuple(sorted(prefixes))


def analyse_query(text, languages=None):
    """Analyse a query string in ``languages`` (default: every language of the site)."""
    languages = list(languages or site_languages())
    words = [token for _start, _end, token in tokens(text)]
    ignored = stopwords(languages)
    content_words = [word for word in words if word not in ignored] or words
    analysed = AnalysedQuery(text=text, languages=languages)
    synonym_language = languages[0] if len(languages) == 1 else None
    for word in list(dict.fromkeys(content_words))[:MAX_QUERY_WORDS]:
        keys = name_keys(word)
        terms = {fold_accents(word), *keys} | {stem(word, language) for language in languages}
        terms |= {base for language in languages for base in derived_bases(word, language)}
        terms |= {stemmed for language in languages for stemmed in lemma_stems(word, language)}
        terms = _expand_synonyms(terms, synonym_language)
        analysed.words.append(
            QueryWord(text=word, terms=frozenset(terms), prefixes=_word_prefixes(word, keys, languages))
        )
    return analysed


def typed_prefix_keys(word):
    """The name keys a word cut anywhere may begin: its own, and those of each
    completion of a spelling convention it may be cut inside (``Pus`` of
    ``Push``/``Poesj``)."""
    completions = CONVENTION_CONTINUATIONS.get(word[-1:], ())
    return set(name_keys(word)) | {key for ending in completions for key in name_keys(word + ending)}


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
    extra_keys = typed_prefix_keys(last.text) - set(name_keys(last.text))
    if extra_keys:
        analysed.words[-1] = QueryWord(text=last.text, terms=last.terms | extra_keys, prefixes=last.prefixes)
    return analysed
