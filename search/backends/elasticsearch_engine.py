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

from search.matches import RankedMatches

#: The keyword field holding a page's translation key (written by
#: :class:`~search.backends.elasticsearch_common.LanguageMappingMixin`).
TRANSLATION_KEY_FIELD = "_translation_key"

#: Buckets an aggregation returns at most: content types times locales.
MAX_BUCKETS = 10_000

#: Elasticsearch's highest precision threshold for ``cardinality``: counts
#: below it are exact.
CARDINALITY_PRECISION = 40_000


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
    rows = []
    for hit in response["hits"]["hits"]:
        fields = hit.get("fields", {})
        rows.append((int(fields["pk"][0]), int(fields[type_column][0]), int(fields[locale_column][0])))
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
