"""The search service's engine stage on Elasticsearch, in one request.

Wagtail's results give pages, not counts: counting them would read every hit
(the database fallback counts at most :data:`search.engine.MAX_RESULTS`).
Here one search request returns the best ``limit`` wanted hits with their
content type and locale, and aggregations count every match:

* ``by_type_and_locale``: matches per (content type, locale), the facets;
* ``pages_by_type`` (when asked to count translations): distinct
  translation keys per content type, the pages when results are grouped.

The aggregations run over every match of the query; the types asked for
narrow the hits only (``post_filter``), as on the database backends. When
translations are counted the hits are collapsed on the translation key, so
that each page comes once, by its best matching version.
"""

from collections import Counter

from modelsearch.index import FilterField

from search.analysis import KEY_PREFIX
from search.matches import RankedMatches

#: The keyword field holding a page's translation key (written by
#: :class:`~search.backends.elasticsearch_common.LanguageMappingMixin`).
TRANSLATION_KEY_FIELD = "_translation_key"

#: Buckets an aggregation returns at most: content types times locales.
MAX_BUCKETS = 10_000

#: Elasticsearch's highest precision threshold for ``cardinality``: counts
#: below it are exact.
CARDINALITY_PRECISION = 40_000

#: Typo tolerance, as the database backends' (:mod:`search.analysis.fuzzy`):
#: no edit up to 3 letters, one from 4 to 7, two beyond, a transposition
#: counting one. Elasticsearch scores a term matched with edits below the
#: term as typed.
FUZZY_MATCH = {"fuzziness": "AUTO:4,8", "fuzzy_transpositions": True, "prefix_length": 0}
#: The same for name keys, whose prefix is no letter: the thresholds count
#: their letters, and the prefix must match, so that keys only meet keys.
KEY_FUZZY_MATCH = {
    "fuzziness": f"AUTO:{4 + len(KEY_PREFIX)},{8 + len(KEY_PREFIX)}",
    "fuzzy_transpositions": True,
    "prefix_length": len(KEY_PREFIX),
}


def analysed_terms_clauses(analysed, fields):
    """The clauses matching an ``AnalysedQuery``'s terms in ``fields``
    (``{index field: boost}``): every term (the typo neighbours the term
    dictionary gave included) as it is; the own terms of the words matching
    few pages again with Elasticsearch's fuzzy matching, stems and name keys
    each with the database backends' thresholds. A page matching a term as
    typed gets both clauses' scores, so it ranks above one matching it with edits."""
    tolerant = analysed.typo_tolerant_terms
    queries = [
        (" ".join(analysed.terms), {}),
        (" ".join(term for term in tolerant if not term.startswith(KEY_PREFIX)), FUZZY_MATCH),
        (" ".join(term for term in tolerant if term.startswith(KEY_PREFIX)), KEY_FUZZY_MATCH),
    ]
    clauses = []
    for field, boost in fields.items():
        boosted = {"boost": boost} if boost != 1 else {}
        clauses += [{"match": {field: {"query": query, **options, **boosted}}} for query, options in queries if query]
    return clauses


def prefix_matches_body(analysed, filters, limit, title_terms_field, type_column, locale_column):
    """The suggestions' request: pages whose analysed title terms hold a term
    of each earlier word typed and begin with a term of the last (its name
    keys included, so ``Poes`` meets ``Пушкин``), as the database backends'
    ``prefix_matches``."""
    *earlier, last = analysed.words
    must = [{"terms": {title_terms_field: sorted(word.terms)}} for word in earlier]
    must.append(
        {
            "bool": {
                "should": [{"prefix": {title_terms_field: {"value": term}}} for term in sorted(last.terms)],
                "minimum_should_match": 1,
            }
        }
    )
    return {
        "query": {"bool": {"must": must, "filter": filters}},
        "size": int(limit),
        "_source": False,
        "stored_fields": ["pk"],
        "docvalue_fields": [type_column, locale_column],
    }


def rows_of_hits(response, type_column, locale_column):
    """``[(pk, content type, locale)]`` of a response's hits, best first."""
    rows = []
    for hit in response["hits"]["hits"]:
        fields = hit.get("fields", {})
        rows.append((int(fields["pk"][0]), int(fields[type_column][0]), int(fields[locale_column][0])))
    return rows


def filter_column(mapping, name):
    """The document field of the model's ``FilterField`` ``name`` (``content_type_id_filter``)."""
    for field in mapping.model.get_search_fields():
        if isinstance(field, FilterField) and field.field_name == name:
            return mapping.get_field_column_name(field)
    raise LookupError(f"{mapping.model.__name__} has no FilterField {name!r}")


def ranked_matches_body(query, limit, type_column, locale_column, wanted_filters=None, count_translations=False):
    """The search request's body (see the module docstring). ``query`` is the
    query compiler's; ``wanted_filters`` its filters of the wanted pages."""
    body = {
        "query": query,
        "size": int(limit),
        "_source": False,
        "stored_fields": ["pk"],
        "docvalue_fields": [type_column, locale_column],
        "track_total_hits": True,
        "aggs": {
            "by_type_and_locale": {
                "multi_terms": {"terms": [{"field": type_column}, {"field": locale_column}], "size": MAX_BUCKETS}
            }
        },
    }
    if wanted_filters:
        body["post_filter"] = {"bool": {"filter": wanted_filters}}
    if count_translations:
        body["aggs"]["pages_by_type"] = {
            "terms": {"field": type_column, "size": MAX_BUCKETS},
            "aggs": {
                "pages": {"cardinality": {"field": TRANSLATION_KEY_FIELD, "precision_threshold": CARDINALITY_PRECISION}}
            },
        }
        body["collapse"] = {"field": TRANSLATION_KEY_FIELD}
    return body


def ranked_matches_of_response(response, type_column, locale_column):
    """The :class:`RankedMatches` of a response to :func:`ranked_matches_body`."""
    rows = rows_of_hits(response, type_column, locale_column)
    aggregations = response.get("aggregations", {})
    counts = Counter(
        {
            (int(bucket["key"][0]), int(bucket["key"][1])): bucket["doc_count"]
            for bucket in aggregations.get("by_type_and_locale", {}).get("buckets", [])
        }
    )
    translations = Counter(
        {
            int(bucket["key"]): bucket["pages"]["value"]
            for bucket in aggregations.get("pages_by_type", {}).get("buckets", [])
        }
    )
    return RankedMatches(rows=rows, counts=counts, translations=translations)
