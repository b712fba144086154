"""The search's language data loaded before the first search, not during it.

simplemma's dictionaries (:mod:`search.analysis.lemmas`) and the gazetteer's
place-name forms (:mod:`search.analysis.gazetteer`) are built on first use,
once per process: seconds of CPU that the first search of each server process
waited for (the first Dutch results page of a fresh worker answered in about
ten seconds on a loaded two-core machine). config/wsgi.py loads them when the
site is loaded, which under ``gunicorn --preload`` is once, in the master,
whose memory the workers share. No database is read.
"""

import simplemma

from search.analysis.gazetteer import _index
from search.analysis.languages import site_languages
from search.analysis.lemmas import lemma_languages


def load_language_data():
    for language in sorted(lemma_languages()):
        simplemma.is_known("warm", lang=language)
    _index(tuple(site_languages()))
