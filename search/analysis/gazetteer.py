"""Other names of places: exonyms and historical names of the cities the
network works in (``data/gazetteer.tsv``, from GeoNames; see
``manage.py build_gazetteer`` for what it holds and why).

A query word that is one of a city's names (as typed, accents folded, or as
its stem in a language of the query) also matches the city's other names,
analysed as pages are: ``Lüttich`` finds ``Liège``, ``Luik`` and ``Льеж``;
``Leningrad`` finds ``Петербург``. Only the names' words and stems are added,
not their name keys: a gazetteer's rarer names (``Leck``, ``Liez``) would
otherwise meet unrelated words of the same consonant skeleton. The editors'
synonyms (:mod:`search.analysis.synonyms`) are merged with these groups.
"""

from functools import lru_cache
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

from search.analysis.languages import site_languages
from search.analysis.text import fold_accents, normalise, stem

GAZETTEER_PATH = Path(__file__).parent / "data" / "gazetteer.tsv"


@lru_cache(maxsize=1)
def places():
    """``[[name, ...]]``: each city's names, as the file lists them."""
    if not GAZETTEER_PATH.exists():
        return []
    result = []
    for line in GAZETTEER_PATH.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            result.append([name for name in line.split("\t")[3].split(",") if name])
    return result


def _forms(name, languages):
    word = normalise(name)
    return {fold_accents(word)} | {stem(word, language) for language in languages}


@lru_cache(maxsize=8)
def _index(languages):
    """``({form: {place}}, {place: {language: forms}}, [folded names], [place of each])``."""
    by_form, forms_of_place, folded, owners = {}, [], [], []
    for place, names in enumerate(places()):
        per_language = {language: set() for language in languages}
        for name in names:
            for language in languages:
                forms = _forms(name, [language])
                per_language[language] |= forms
                for form in forms:
                    by_form.setdefault(form, set()).add(place)
            folded.append(fold_accents(normalise(name)))
            owners.append(place)
        forms_of_place.append(per_language)
    return by_form, forms_of_place, folded, owners


def _place_terms(place_ids, languages):
    every = tuple(site_languages())
    _by_form, forms_of_place, _folded, _owners = _index(every)
    return {form for place in place_ids for language in languages for form in forms_of_place[place].get(language, ())}


def place_terms(terms, language=None):
    """The terms of every name of the places one of ``terms`` names (none if
    they name no place), in ``language`` (every language of the site when
    ``None``)."""
    every = tuple(site_languages())
    by_form, _forms_of_place, _folded, _owners = _index(every)
    found = set().union(*(by_form.get(term, ()) for term in terms))
    return _place_terms(found, [language] if language else every) if found else set()


def fuzzy_place_terms(word, languages):
    """The terms of the places with a name a few edits from ``word`` (the
    nearest only; see :func:`search.analysis.fuzzy.max_edits`)."""
    from search.analysis.fuzzy import max_edits

    folded_word = fold_accents(normalise(word))
    edits = max_edits(len(folded_word))
    if not edits:
        return set()
    _by_form, _forms_of_place, folded, owners = _index(tuple(site_languages()))
    matches = process.extract(folded_word, folded, scorer=OSA.distance, score_cutoff=edits, limit=None)
    if not matches:
        return set()
    nearest = min(distance for _name, distance, _index in matches)
    found = {owners[index] for _name, distance, index in matches if distance == nearest}
    return _place_terms(found, languages)
