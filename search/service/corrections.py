""" "Did you mean": the query as the visitor probably meant it.

When a word of the query matched (almost) nothing and was expanded to its
typo neighbours (:mod:`search.analysis.fuzzy`), the corrected query puts, in
place of that word, the best-scoring neighbour (the nearest, then the most
frequent) as the results spell it: the first word of the best results whose
analysed terms hold that neighbour. A correction taken from a result is
checked by construction to find results: that result holds it.
"""

from search.analysis import index_terms, page_language, tokens
from search.service.snippets import page_plain_text


def _spelling(term, pages):
    """The first word of ``pages`` (title, then text) whose terms hold ``term``, as written."""
    for page in pages:
        language = page_language(page)
        for text in (page.title, page_plain_text(page)):
            for start, end, _token in tokens(text):
                if term in index_terms(text[start:end], language):
                    return text[start:end]
    return None


def corrected_query(analysed, pages):
    """The query with each misspelt word replaced by its best correction as
    ``pages`` (the results shown, best first) spell it, or ``None`` when no
    word was corrected."""
    replacements = {}
    for word in analysed.words:
        if not word.corrections:
            continue
        for _distance, _pages, term in word.corrections:
            spelling = _spelling(term, pages)
            if spelling:
                replacements[word.text] = spelling
                break
    if not replacements:
        return None
    pieces, cursor = [], 0
    for start, end, token in tokens(analysed.text):
        if token in replacements:
            pieces += [analysed.text[cursor:start], replacements[token]]
            cursor = end
    corrected = "".join([*pieces, analysed.text[cursor:]])
    return corrected if corrected.casefold() != analysed.text.casefold() else None
