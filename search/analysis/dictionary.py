"""The term dictionary of the page index (:class:`search.models.IndexedTerm`).

Every distinct term of the pages of a language, with the number of pages
holding it, as Elasticsearch's and Lucene's term dictionaries keep beside an
index. The database backends keep it in step with what they index
(:func:`record_page_terms`, :func:`forget_page_terms`); the typo tolerance
(:mod:`search.analysis.fuzzy`) reads it, loaded once per process into memory
(:func:`dictionary`) and loaded again after this process writes the index or
after :data:`RELOAD_SECONDS` (another process's writes).

Terms longer than :data:`MAX_TERM_LENGTH` are left out: no one mistypes them.
"""

import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import connections

#: Terms longer than this are not in the dictionary.
MAX_TERM_LENGTH = 64
#: How long a process keeps the dictionary it loaded before reading it again
#: (its own writes drop it at once).
RELOAD_SECONDS = 300
#: Rows per upsert statement.
WRITE_BATCH = 500

_lock = threading.Lock()
_loaded = {"at": 0.0, "dictionary": None}


@dataclass
class TermDictionary:
    """The dictionary of one or more languages, in memory: each term's pages,
    and the terms by their kind (name key or word) and length, the way the
    edit-distance search reads them."""

    documents: dict = field(default_factory=dict)  # {language: {term: pages}}
    by_shape: dict = field(default_factory=dict)  # {(language, is key, length): [terms]}

    def frequency(self, term, languages):
        return sum(self.documents.get(language, {}).get(term, 0) for language in languages)

    def terms_of_shape(self, language, is_key, length):
        return self.by_shape.get((language, is_key, length), ())


def _distinct(terms_text):
    return {term for term in terms_text.split() if len(term) <= MAX_TERM_LENGTH}


def term_deltas(old, new):
    """``{(language, term): change in pages}`` of pages' terms going from
    ``old`` to ``new`` (each ``{page pk: (language, terms text)}``; a page
    missing from one side had, or has, no terms)."""
    deltas = Counter()
    for pk in old.keys() | new.keys():
        old_language, old_terms = old.get(pk, (None, ""))
        new_language, new_terms = new.get(pk, (None, ""))
        before, after = _distinct(old_terms), _distinct(new_terms)
        if old_language == new_language:
            before, after = before - after, after - before
        for term in before:
            deltas[(old_language, term)] -= 1
        for term in after:
            deltas[(new_language, term)] += 1
    # A plain dict: a Counter's arithmetic would drop the negative changes.
    return {key: change for key, change in deltas.items() if change and key[0]}


def apply_deltas(deltas, using="default"):
    """Add the changes of :func:`term_deltas` to the dictionary (one upsert per
    :data:`WRITE_BATCH` terms; the same SQL on SQLite and PostgreSQL), then
    drop the terms no page holds any more."""
    if not deltas:
        return
    from search.models import IndexedTerm

    table = IndexedTerm._meta.db_table
    rows = sorted(deltas.items())
    with connections[using].cursor() as cursor:
        for start in range(0, len(rows), WRITE_BATCH):
            batch = rows[start : start + WRITE_BATCH]
            cursor.execute(
                # The table's name is the model's; every value goes as a parameter.
                f'INSERT INTO "{table}" (language, term, documents) VALUES '  # noqa: S608
                + ", ".join(["(%s, %s, %s)"] * len(batch))
                + " ON CONFLICT (language, term) DO UPDATE SET documents = "
                f'"{table}".documents + EXCLUDED.documents',
                [value for (language, term), change in batch for value in (language, term, change)],
            )
        # A term taken away from every page holding it (or never counted: a
        # dictionary started over an existing index) is left at zero or less.
        if any(change < 0 for _key, change in rows):
            cursor.execute(f'DELETE FROM "{table}" WHERE documents <= 0')  # noqa: S608  the model's table
    forget_dictionary()


def forget_dictionary(**_kwargs):
    """Read the dictionary again at the next search of this process."""
    with _lock:
        _loaded["dictionary"] = None


def clear_dictionary(using="default"):
    """Empty the dictionary (the index is being rebuilt)."""
    from search.models import IndexedTerm

    IndexedTerm.objects.using(using).all().delete()
    forget_dictionary()


def _load():
    from search.models import IndexedTerm

    documents = defaultdict(dict)
    by_shape = defaultdict(list)
    rows = IndexedTerm.objects.filter(documents__gt=0).values_list("language", "term", "documents")
    for language, term, pages in rows.iterator(chunk_size=5000):
        documents[language][term] = pages
        is_key = term.startswith("0")
        by_shape[(language, is_key, len(term))].append(term)
    return TermDictionary(documents=dict(documents), by_shape=dict(by_shape))


def dictionary():
    """The whole dictionary, as this process last loaded it."""
    with _lock:
        loaded = _loaded["dictionary"]
        if loaded is not None and time.monotonic() - _loaded["at"] < RELOAD_SECONDS:
            return loaded
    fresh = _load()
    with _lock:
        _loaded.update(dictionary=fresh, at=time.monotonic())
    return fresh
