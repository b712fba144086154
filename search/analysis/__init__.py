"""Language-aware text analysis shared by indexing, querying and highlighting.

- :mod:`~search.analysis.text`: normalisation, tokens, stems and name keys;
- :mod:`~search.analysis.languages`: what each language gets (stemmer,
  stopwords, Elasticsearch analyser) and the languages of locales;
- :mod:`~search.analysis.query`: a query string as words and their terms;
- :mod:`~search.analysis.synonyms`: the editors' synonyms, added to queries;
- :mod:`~search.analysis.pages`: a page's texts and analysed terms.

The names callers use are importable from this package. The synonyms module
is not imported here: it loads the app's models, which analysing text does not
need.
"""

from search.analysis.languages import (
    forget_locale_languages,
    language_of_locale,
    locale_of_language,
    page_language,
    site_languages,
)
from search.analysis.pages import (
    ANALYSED_FIELD_NAMES,
    attach_tag_names,
    page_search_terms,
    page_texts,
    page_title_terms,
)
from search.analysis.query import MAX_QUERY_WORDS, AnalysedQuery, QueryWord, analyse_prefix, analyse_query
from search.analysis.text import KEY_PREFIX, fold_accents, index_terms, name_keys, normalise, stem, tokens

__all__ = [
    "ANALYSED_FIELD_NAMES",
    "KEY_PREFIX",
    "MAX_QUERY_WORDS",
    "AnalysedQuery",
    "QueryWord",
    "analyse_prefix",
    "analyse_query",
    "attach_tag_names",
    "fold_accents",
    "forget_locale_languages",
    "index_terms",
    "language_of_locale",
    "locale_of_language",
    "name_keys",
    "normalise",
    "page_language",
    "page_search_terms",
    "page_texts",
    "page_title_terms",
    "site_languages",
    "stem",
    "tokens",
]
