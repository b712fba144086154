"""Typo tolerance: a query word that (almost) nothing matches also matches
the indexed terms a few edits away, as Elasticsearch's ``fuzziness: AUTO``.

* The allowed edits grow with a term's length (:func:`max_edits`): none up
  to 3 letters, one from 4 to 7, two beyond; a transposition of two
  neighbouring letters counts one (optimal string alignment distance).
* Only words whose own terms are in fewer than :data:`FEW_MATCHES` pages are
  expanded, and only to terms more pages hold.
* Candidates are the terms of the index's term dictionary
  (:mod:`search.analysis.dictionary`) of the query's languages, of the same
  kind (word stems with stems, name keys with name keys), found with
  RapidFuzz; for each of the word's terms only the nearest are kept, the most
  frequent first (:data:`MAX_CANDIDATES`), so a misspelt name does not reach
  another name further away. A name key candidate is kept only if it is the
  key of a stem candidate, when there are stem candidates: keys are coarse
  skeletons, and a stem confirms which name was meant. The keys of the stem
  candidates are added too (:func:`corrected_keys`), so that the name meant
  is found in every script and spelling.
* Place names of the gazetteer (:mod:`search.analysis.gazetteer`) count as
  candidates too, so a misspelt exonym still meets the city's other names.

The expansion is kept apart from the word's own terms (``QueryWord.fuzzy``):
the re-ranking puts pages matching the words as typed above pages matching
only their neighbours.
"""

from dataclasses import replace

from rapidfuzz import process
from rapidfuzz.distance import OSA

from search.analysis.dictionary import dictionary
from search.analysis.text import KEY_PREFIX, fold_accents, name_keys, stem

#: A word whose own terms are in fewer pages than this is expanded.
FEW_MATCHES = 3
#: Nearest terms kept per term of a word.
MAX_CANDIDATES = 5


def max_edits(length):
    """Edits allowed in a term of ``length`` letters (Elasticsearch's ``AUTO:4,8``)."""
    if length <= 3:
        return 0
    return 1 if length <= 7 else 2


def _letters(term):
    return term[len(KEY_PREFIX) :] if term.startswith(KEY_PREFIX) else term


def nearest_terms(term, languages, terms_dictionary):
    """``[(distance, -pages, candidate)]`` of the dictionary's terms of the same
    kind nearest to ``term`` in ``languages``, best first (none when the term
    is too short to correct)."""
    length = len(_letters(term))
    edits = max_edits(length)
    if not edits:
        return []
    is_key = term.startswith(KEY_PREFIX)
    found = {}
    for language in languages:
        for candidate_length in range(length - edits, length + edits + 1):
            choices = terms_dictionary.terms_of_shape(
                language, is_key, candidate_length + (len(KEY_PREFIX) if is_key else 0)
            )
            if not choices:
                continue
            for candidate, distance, _index in process.extract(
                term, choices, scorer=OSA.distance, score_cutoff=edits, limit=None
            ):
                if distance:
                    found[candidate] = distance
    ranked = sorted((distance, -terms_dictionary.frequency(term, languages), term) for term, distance in found.items())
    if not ranked:
        return []
    nearest = ranked[0][0]
    return [entry for entry in ranked if entry[0] == nearest][:MAX_CANDIDATES]


def word_pages(word, languages, terms_dictionary):
    """How many pages the word's most frequent own term is in."""
    return max((terms_dictionary.frequency(term, languages) for term in word.terms), default=0)


def word_corrections(word, languages, terms_dictionary):
    """The terms a misspelt ``word`` (a ``QueryWord``) may have meant, best first
    (``[(distance, -pages, term)]``), empty when its own terms match enough pages."""
    own = word.terms
    pages = word_pages(word, languages, terms_dictionary)
    if pages >= FEW_MATCHES:
        return []
    stems = {fold_accents(word.text)} | {stem(word.text, language) for language in languages}
    keys = set(name_keys(word.text))
    stem_candidates = [entry for term in stems for entry in nearest_terms(term, languages, terms_dictionary)]
    key_candidates = [entry for term in keys for entry in nearest_terms(term, languages, terms_dictionary)]
    if stem_candidates:
        confirmed = {key for _d, _p, candidate in stem_candidates for key in name_keys(candidate)}
        key_candidates = [entry for entry in key_candidates if entry[2] in confirmed]
    candidates = sorted(set(stem_candidates) | set(key_candidates))
    return [entry for entry in candidates if -entry[1] > pages and entry[2] not in own]


def expand_fuzzy(analysed):
    """``analysed`` (an ``AnalysedQuery``) with each misspelt word's nearest
    indexed terms as its ``fuzzy`` terms, and the words' ``corrections``."""
    terms_dictionary = dictionary()
    languages = analysed.languages
    words = []
    for word in analysed.words:
        if word_pages(word, languages, terms_dictionary) >= FEW_MATCHES:
            words.append(replace(word, few_matches=False))
            continue
        corrections = word_corrections(word, languages, terms_dictionary)
        fuzzy = {term for _distance, _pages, term in corrections}
        fuzzy |= corrected_keys(corrections, languages, terms_dictionary)
        fuzzy |= gazetteer_neighbours(word, languages)
        fuzzy -= word.terms
        words.append(replace(word, fuzzy=frozenset(fuzzy), corrections=tuple(corrections)) if fuzzy else word)
    analysed.words = words
    return analysed


def corrected_keys(corrections, languages, terms_dictionary):
    """The indexed name keys of a misspelt word's stem neighbours: the word
    meant, in its other scripts and spellings too (``Puskhin`` is one
    transposition from ``pushkin``, whose key ``0paxkan`` meets ``Пушкин`` and
    ``Poesjkin``; the misspelling's own key is two edits from it)."""
    return {
        key
        for _distance, _pages, term in corrections
        if not term.startswith(KEY_PREFIX)
        for key in name_keys(term)
        if terms_dictionary.frequency(key, languages)
    }


def gazetteer_neighbours(word, languages):
    """The terms of the gazetteer's places with a name a few edits from ``word``."""
    from search.analysis.gazetteer import fuzzy_place_terms

    return fuzzy_place_terms(word.text, languages)
