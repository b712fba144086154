"""Snippets of search results: a window of a page's text around its best match.

The work is bounded whatever a page holds: a snippet reads at most
:data:`MAX_SNIPPET_SOURCE` characters of the page's text, and finds its best
window in one pass over the matches. A page whose body repeats the query's
word tens of thousands of times costs no more than one of a few pages.
"""

import html
from functools import lru_cache

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from modelsearch.index import SearchField
from wagtail.fields import StreamField

from search.analysis import ANALYSED_FIELD_NAMES, index_terms, page_texts, tokens

#: Words of context shown around the best match in a snippet.
SNIPPET_WORDS = 30

#: Characters of a page's text (summary, body, other searchable fields and
#: tags, in that order) that its snippet is taken from: a few thousand words,
#: more than almost every page holds. A match further on is still found and
#: ranked by the engine; its snippet shows the start of the text.
MAX_SNIPPET_SOURCE = 20_000


def token_matcher(analysed):
    """Whether a normalised token of a text in a language matches a word of the
    query, remembered for the query's snippets (their words repeat)."""

    @lru_cache(maxsize=4096)
    def matches(token, language):
        return any(word.matches(term) for term in index_terms(token, language) for word in analysed.words)

    return matches


def best_window(hits, words):
    """The first of the hit positions (sorted) that starts the window of
    ``words`` tokens holding the most hits: the earliest of the best.

    A sliding window over the sorted positions: each hit enters and leaves it
    once, so the cost is linear in the number of hits.
    """
    best, best_count, end = hits[0], 0, 0
    for start, first in enumerate(hits):
        end = max(end, start)
        while end < len(hits) and hits[end] < first + words:
            end += 1
        if end - start > best_count:
            best, best_count = first, end - start
    return best


def highlight(text, analysed, language, words=SNIPPET_WORDS, matches=None, limit=MAX_SNIPPET_SOURCE):
    """An HTML snippet of ``text`` around its best match, the matching words in
    ``<mark>``; everything else escaped. Only the first ``limit`` characters
    of ``text`` are read. ``matches`` is the query's :func:`token_matcher`,
    when the caller highlights several texts."""
    truncated = len(text) > limit
    text = text[:limit]
    spans = tokens(text)
    if not spans:
        return ""
    if truncated and len(spans) > 1:
        spans.pop()  # the last word may be cut in two
    matches = matches or token_matcher(analysed)
    hits = [index for index, (_start, _end, token) in enumerate(spans) if matches(token, language)]
    first = max(0, best_window(hits, words) - words // 4) if hits else 0
    last = min(len(spans), first + words)
    hit_set = set(hits)
    start = spans[first][0] if first else 0
    more = truncated or last < len(spans)
    end = spans[last - 1][1] if more else len(text)
    pieces = ["… " if first else ""]
    cursor = start
    for index in range(first, last):
        token_start, token_end, _token = spans[index]
        pieces.append(html.escape(text[cursor:token_start]))
        word = html.escape(text[token_start:token_end])
        pieces.append(f"<mark>{word}</mark>" if index in hit_set else word)
        cursor = token_end
    pieces.append(html.escape(text[cursor:end]))
    if more:
        pieces.append(" …")
    return "".join(pieces).strip()


def page_plain_text(page, limit=MAX_SNIPPET_SOURCE):
    """The first ``limit`` characters of a page's searchable text other than
    its title (see :func:`search.analysis.page_texts`), its texts joined by spaces."""
    pieces, length = [], 0
    for text in page_texts(page):
        if not text:
            continue
        if length >= limit:
            break
        piece = text[: limit - length]
        pieces.append(piece)
        length += len(piece) + 1
    return " ".join(pieces)


def _is_prose(model, name):
    """Whether a page model's searchable field holds running text (a text or
    stream field: summary, body, introduction), not a short value (city, venue)."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return isinstance(field, (models.TextField, StreamField))


def _texts(value):
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _texts(item)]
    return [str(value)]


def page_prose(page, limit=MAX_SNIPPET_SOURCE):
    """The first ``limit`` characters of a page's running text (its summary,
    body and other text fields, joined by spaces): what a snippet shows. Short
    field values (city, venue, place) and tags are left out: a snippet never
    ends in them, and the result's own line shows place and date."""
    pieces, length = [], 0
    for search_field in page.get_search_fields():
        name = getattr(search_field, "field_name", None)
        if not isinstance(search_field, SearchField) or name == "title" or name in ANALYSED_FIELD_NAMES:
            continue
        if not _is_prose(type(page), name):
            continue
        for text in _texts(search_field.get_value(page)):
            if not text or length >= limit:
                continue
            piece = text[: limit - length]
            pieces.append(piece)
            length += len(piece) + 1
    return " ".join(pieces)
