"""Ranking in two stages: the engine's, then a re-ranking of its best in Python.

The search engine (:mod:`search.engine`) finds every page matching any
analysed term of the query and orders them (BM25 or ``ts_rank``); the best
:data:`RERANK_DEPTH` are then re-scored in Python from their indexed terms, by
how many of the query's words each matches, in the title or the text, weighted
by how rare the word is. The second stage makes ranking the same on SQLite and
PostgreSQL and rewards pages that match the whole query. It reads at most
:data:`~search.matches.MAX_RERANKED_TERMS_TEXT` characters of a page's terms.
"""

import math
from collections import Counter
from dataclasses import dataclass

from wagtail.models import Page

from search.matches import AnalysedSearchQuery, PageRef
from search.service.visibility import filter_types

#: How many of the engine's best matches are re-ranked in Python.
RERANK_DEPTH = 100
#: What a word matched by its typo neighbours only (:mod:`search.analysis.fuzzy`)
#: counts, against one matched as typed.
FUZZY_WEIGHT = 0.5


def engine_matches(analysed, pages, engine, types, limit, count_translations=False):
    """The :class:`~search.matches.RankedMatches` of the query among
    ``pages``: the best ``limit`` of the ``types`` asked for (all when none
    are), every match counted (and its translation, with ``count_translations``)."""
    wanted = filter_types(Page.objects.all(), types) if types else None
    return engine.ranked_matches(
        AnalysedSearchQuery(analysed), pages, limit, wanted=wanted, count_translations=count_translations
    )


@dataclass
class IndexedTerms:
    """A page's indexed terms, counted: what the re-ranking reads."""

    title: frozenset
    counts: Counter
    length: int

    @classmethod
    def of(cls, title_terms, body_terms):
        return cls(title=frozenset(title_terms), counts=Counter(body_terms), length=len(body_terms))

    def in_title(self, word):
        return bool(word.terms & self.title) or any(term.startswith(word.prefixes) for term in self.title)

    def frequency(self, word, prefix_matched):
        """How many of the page's terms match ``word``: exactly, or by one of its
        prefixes (``prefix_matched``: the terms of the re-ranked pages that match
        it by a prefix only, see :func:`prefix_matched_terms`)."""
        counts = self.counts
        frequency = sum(counts.get(term, 0) for term in word.terms)
        if prefix_matched:
            # Whichever is smaller is walked: the page's terms are capped, the
            # prefix matches of a query over many pages may be more.
            if len(prefix_matched) < len(counts):
                frequency += sum(counts.get(term, 0) for term in prefix_matched)
            else:
                frequency += sum(count for term, count in counts.items() if term in prefix_matched)
        return frequency


def prefix_matched_terms(word, vocabulary):
    """The terms of ``vocabulary`` (every term of the re-ranked pages) that
    match ``word`` by a prefix only, found once per query: the re-ranked pages
    share most of their vocabulary."""
    if not word.prefixes:
        return frozenset()
    return frozenset(term for term in vocabulary - word.terms if term.startswith(word.prefixes))


def _saturated(frequency, document):
    return frequency / (frequency + 1.2 * (0.25 + 0.75 * document.length / 300))


def _score(analysed, document, frequencies, fuzzy_frequencies, idf):
    """``(words matched as typed, score)``: how well a page's terms answer the
    query. Every word counts once, by rarity, more in the title; pages
    matching more of the words come first. A word matched only by its typo
    neighbours counts :data:`FUZZY_WEIGHT` of one matched as typed."""
    score = 0.0
    matched = exact = 0
    for word, frequency, fuzzy in zip(analysed.words, frequencies, fuzzy_frequencies, strict=True):
        in_title = document.in_title(word)
        if in_title or frequency:
            matched += 1
            exact += 1
            score += idf[word.text] * (2.0 * in_title + _saturated(frequency, document))
        elif fuzzy or word.fuzzy & document.title:
            matched += FUZZY_WEIGHT
            fuzzy_in_title = bool(word.fuzzy & document.title)
            score += FUZZY_WEIGHT * idf[word.text] * (2.0 * fuzzy_in_title + _saturated(fuzzy, document))
    coverage = matched / len(analysed.words)
    return exact, score * (0.5 + coverage) + 10 * (coverage == 1 and len(analysed.words) > 1)


#: Decimals of a re-ranking score compared when pages in the visitor's
#: language go first: scores closer than this are an equal match.
EQUAL_MATCH_DECIMALS = 3


def rerank(analysed, rows, engine, terms=None, preferred_locale=None):
    """Re-score the engine's best rows in Python (see the module docstring),
    from their indexed ``terms`` (``{pk: (title terms, all terms)}``) when the
    engine gave them, else as the engine reads them. With a
    ``preferred_locale`` (the visitor's language), its pages come first
    among pages matching equally."""
    head, tail = rows[:RERANK_DEPTH], rows[RERANK_DEPTH:]
    if terms is None and head:
        terms = engine.analysed_terms([PageRef(pk, content_type) for pk, content_type, _locale in head])
    if not terms:  # an engine that keeps no terms: its order stands
        return rows
    terms = {pk: terms[pk] for pk, _content_type, _locale in head if pk in terms}
    documents = {pk: IndexedTerms.of(title, body) for pk, (title, body) in terms.items()}
    vocabulary = set().union(*(document.counts.keys() for document in documents.values()))
    matchers = [(word, prefix_matched_terms(word, vocabulary)) for word in analysed.words]
    frequencies = {
        pk: [document.frequency(word, matched) for word, matched in matchers] for pk, document in documents.items()
    }
    fuzzy_frequencies = {
        pk: [sum(document.counts.get(term, 0) for term in word.fuzzy) for word in analysed.words]
        for pk, document in documents.items()
    }
    idf = {}
    for position, word in enumerate(analysed.words):
        having = sum(1 for pk, counts in frequencies.items() if counts[position] or fuzzy_frequencies[pk][position])
        idf[word.text] = math.log(1 + (len(documents) + 1) / (having + 0.5))
    scored = {
        pk: _score(analysed, document, frequencies[pk], fuzzy_frequencies[pk], idf)
        for pk, document in documents.items()
    }
    if preferred_locale is not None:

        def key(row):
            exact, score = scored.get(row[0], (0, 0.0))
            return (-exact if analysed.is_fuzzy else 0, -round(score, EQUAL_MATCH_DECIMALS), row[2] != preferred_locale)
    elif analysed.is_fuzzy:
        # Pages matching more words as typed come before pages matching their neighbours.
        def key(row):
            exact, score = scored.get(row[0], (0, 0.0))
            return (-exact, -score)
    else:

        def key(row):
            return -scored.get(row[0], (0, 0.0))[1]

    head = sorted(head, key=key)  # stable: ties keep the engine's order
    return head + tail
