"""The admin's search of pages as editors expect it: partial words, quoted
phrases and negation, in every spelling the analysis joins.

Wagtail's admin page search, page listing and page chooser call a backend's
``autocomplete()`` with what the editor typed (the page search parses it
first into plain text, phrases and negations: ``"Pushkin fund" -draft``).
For the site's pages this backend answers it from their analysed terms:

* every word typed is the start of a word of the title, as on a stock
  Wagtail site (``Push`` finds Pushkin, ``Found`` finds Foundation),
  matched against the word's stems, accent-folded spelling and name keys,
  so ``Poes`` finds Pushkin too; a page must match every word;
* a quoted phrase matches pages whose text holds its words in that order;
* a word or quoted phrase after a ``-`` (``Pushkin -day``,
  ``Found -"Pushkin Foundation"``) leaves out the pages it matches.
"""

from dataclasses import dataclass, field

from modelsearch.query import And, Not, Or, Phrase, PlainText
from modelsearch.utils import parse_query_string

from search.analysis import analyse_prefix, fold_accents, page_texts, tokens
from search.analysis.query import AnalysedQuery, QueryWord
from search.matches import AnalysedSearchQuery

#: Candidate pages read before the words, phrases and negations are checked.
MAX_CANDIDATES = 1000


@dataclass
class TypedQuery:
    """What an editor typed: words (each a prefix), phrases, and negated words or phrases."""

    words: list = field(default_factory=list)
    phrases: list = field(default_factory=list)
    negated: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.words or self.phrases)


def typed_query(query):
    """The :class:`TypedQuery` of a query string or of Wagtail's parse of it
    (``parse_query_string``: plain text and phrases). A word or a quoted
    phrase right after a ``-`` is negated (Wagtail's parser keeps the ``-``
    in the plain text before the phrase)."""
    if isinstance(query, str):
        _filters, query = parse_query_string(query, operator="and")
    typed = TypedQuery()
    negate_next_phrase = False

    def add_plain_text(text, negated):
        nonlocal negate_next_phrase
        negate_next_phrase = False
        for piece in text.split():
            if piece == "-":
                negate_next_phrase = True
                continue
            words = [token for _start, _end, token in tokens(piece)]
            if negated or piece.startswith("-"):
                typed.negated.extend(words)
            else:
                typed.words.extend(words)

    def walk(node, negated=False):
        nonlocal negate_next_phrase
        if isinstance(node, Not):
            walk(node.subquery, not negated)
        elif isinstance(node, (And, Or)):
            for subquery in node.subqueries:
                walk(subquery, negated)
        elif isinstance(node, Phrase):
            negated = negated or negate_next_phrase
            negate_next_phrase = False
            (typed.negated if negated else typed.phrases).append(node.query_string)
        elif isinstance(node, PlainText):
            add_plain_text(node.query_string, negated)

    walk(query)
    return typed


def prefix_word(text):
    """A :class:`QueryWord` matching ``text`` as a word's start, in any spelling:
    its terms (stems, name keys, synonyms) and, as prefixes, its stems, its
    accent-folded spelling and its name keys."""
    analysed = analyse_prefix(text)
    if not analysed:
        return None
    word = analysed.words[0]
    prefixes = {fold_accents(text), *word.prefixes}
    prefixes |= {term for term in word.terms if len(term) >= 2}
    return QueryWord(text=word.text, terms=word.terms, prefixes=tuple(sorted(prefixes)))


def analysed_prefixes(words):
    """An :class:`AnalysedQuery` of ``words`` each as a prefix (any of them matching)."""
    analysed = AnalysedQuery(text=" ".join(words), languages=[])
    analysed.words = [word for word in map(prefix_word, words) if word is not None]
    return analysed


def typed_words(typed):
    """The words of ``typed`` the engine is asked for: its words and its phrases'."""
    return [*typed.words, *(token for phrase in typed.phrases for _start, _end, token in tokens(phrase))]


def _holds_phrase(page, phrase):
    wanted = [fold_accents(token) for _start, _end, token in tokens(phrase)]
    if not wanted:
        return True
    for text in (page.title, *page_texts(page)):
        seen = [fold_accents(token) for _start, _end, token in tokens(text)]
        for start in range(len(seen) - len(wanted) + 1):
            if seen[start : start + len(wanted)] == wanted:
                return True
    return False


def matching_pks(backend, typed, queryset):
    """The pks of ``queryset``'s pages answering ``typed`` (see the module docstring)."""
    analysed = analysed_prefixes(typed_words(typed))
    if not analysed:
        return set()
    candidates = list(backend.search(AnalysedSearchQuery(analysed), queryset)[:MAX_CANDIDATES])
    terms = backend.analysed_terms(candidates)
    title_words = [word for word in analysed.words if word.text in set(typed.words)]
    kept = set()
    for page in candidates:
        title_terms = set(terms.get(page.pk, ((), ()))[0])
        if all(any(word.matches(term) for term in title_terms) for word in title_words):
            kept.add(page.pk)
    if typed.phrases and kept:
        specific = {page.pk: page for page in queryset.filter(pk__in=kept).specific()}
        kept = {pk for pk in kept if pk in specific and all(_holds_phrase(specific[pk], p) for p in typed.phrases)}
    for negated in typed.negated:
        if not kept:
            break
        kept -= matching_pks(backend, TypedQuery(phrases=[negated]), queryset.filter(pk__in=kept))
    return kept
