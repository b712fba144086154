"""The engine stage on Elasticsearch: one request whose aggregations count
every match (facets, and pages when grouped) and whose hits collapse on the
translation key when grouped. The request bodies are plain dicts, tested
without a server; the counts are compared with the database backend's on a
real server only (``ELASTICSEARCH_URL``)."""

import os
import uuid

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from home.models import StandardPage
from search import service
from search.analysis import KEY_PREFIX, analyse_prefix, analyse_query
from search.backends import elasticsearch8, elasticsearch9
from search.backends.elasticsearch_engine import TRANSLATION_KEY_FIELD
from search.backends.elasticsearch_fallback import _resting_until
from search.matches import AnalysedSearchQuery
from search.service import SearchParams, filter_types
from tests import factories

BACKEND_MODULES = {8: elasticsearch8, 9: elasticsearch9}
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL")


@pytest.fixture(params=sorted(BACKEND_MODULES), ids=lambda major: f"es{major}")
def backend(request):
    _resting_until.clear()
    return BACKEND_MODULES[request.param].SearchBackend(
        {"URLS": ["http://127.0.0.1:9"], "INDEX_PREFIX": "test_", "TIMEOUT": 1}
    )


def request_of(backend, count_translations=False, types=()):
    query = AnalysedSearchQuery(analyse_query("Pushkin"))
    wanted = filter_types(Page.objects.all(), list(types)) if types else None
    return backend.ranked_matches_request(query, Page.objects.live(), 30, wanted, count_translations)


@pytest.mark.django_db
def test_every_match_counted_by_aggregations_and_only_the_best_hits_returned(backend):
    index, body, type_column, locale_column = request_of(backend)
    assert index.endswith("wagtailcore_page")
    assert (type_column, locale_column) == ("content_type_id_filter", "locale_id_filter")
    assert body["size"] == 30
    assert body["track_total_hits"] is True
    assert body["aggs"]["by_type_and_locale"]["multi_terms"]["terms"] == [
        {"field": "content_type_id_filter"},
        {"field": "locale_id_filter"},
    ]
    assert body["docvalue_fields"] == ["content_type_id_filter", "locale_id_filter"]
    assert "collapse" not in body and "pages_by_type" not in body["aggs"] and "post_filter" not in body


@pytest.mark.django_db
def test_grouped_the_hits_collapse_on_the_translation_key_and_pages_are_counted(backend):
    _index, body, _type, _locale = request_of(backend, count_translations=True)
    assert body["collapse"] == {"field": TRANSLATION_KEY_FIELD}
    pages = body["aggs"]["pages_by_type"]
    assert pages["terms"]["field"] == "content_type_id_filter"
    assert pages["aggs"]["pages"]["cardinality"]["field"] == TRANSLATION_KEY_FIELD


@pytest.mark.django_db
def test_the_types_asked_for_narrow_the_hits_not_the_facets(backend):
    _index, every_type, _type, _locale = request_of(backend)
    _index, events, _type, _locale = request_of(backend, types=["event"])
    assert events["query"] == every_type["query"], "the aggregations count every type"
    assert "content_type_id_filter" in str(events["post_filter"])


@pytest.mark.django_db
def test_the_translation_key_is_indexed_as_a_keyword(backend, home_page):
    page = factories.StandardPageFactory(parent=home_page, title="Samovar")
    mapping = backend.mapping_class(StandardPage)
    assert mapping.get_mapping()["properties"][TRANSLATION_KEY_FIELD] == {"type": "keyword"}
    assert mapping.get_document(page)[TRANSLATION_KEY_FIELD] == str(page.translation_key)


@pytest.mark.django_db
def test_unreachable_the_database_backend_counts(backend, home_page):
    for number in range(3):
        factories.StandardPageFactory(parent=home_page, title=f"Balalaika {number}")
    matches = backend.ranked_matches(
        AnalysedSearchQuery(analyse_query("balalaika")), Page.objects.live(), 10, count_translations=True
    )
    assert len(matches.rows) == 3
    assert sum(matches.counts.values()) == 3
    assert sum(matches.translations.values()) == 3


@pytest.mark.elasticsearch
@pytest.mark.skipif(not ELASTICSEARCH_URL, reason="needs a real Elasticsearch server: set ELASTICSEARCH_URL")
@pytest.mark.django_db
def test_counts_and_groups_as_on_the_database(settings, home_page, translate):
    from elasticsearch import VERSION

    english = factories.StandardPageFactory(parent=home_page, title="Samovar evening", slug="samovar")
    translate(english, "nl", {"title": "Samovaravond", "slug": "samovaravond"})
    factories.StandardPageFactory(parent=home_page, title="Samovar museum")
    site = Site.objects.get(is_default_site=True)

    def answer(**params):
        response = service.search(SearchParams(q="samovar", **params), site, log=False)
        return response.count, response.facets, sorted(hit.page.pk for hit in response.results)

    expected = [answer(), answer(group=True, language="nl")]
    prefix = f"test_{uuid.uuid4().hex[:8]}_"
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": BACKEND_MODULES[VERSION[0]].__name__,
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": prefix,
        },
    }
    call_command("update_index", stdout=open(os.devnull, "w"))  # noqa: SIM115
    try:
        assert [answer(), answer(group=True, language="nl")] == expected
    finally:
        from wagtail.search.backends import get_search_backend

        get_search_backend().es.indices.delete(index=f"{prefix}*")


@pytest.mark.django_db
def test_suggestions_match_the_analysed_title_terms_as_prefixes(backend, locales):
    analysed = analyse_prefix("Foundation Poes", ["en"])
    index, body, type_column, locale_column = backend.prefix_matches_request(analysed, Page.objects.live(), 32)
    assert index.endswith("wagtailcore_page")
    assert body["size"] == 32
    assert body["docvalue_fields"] == [type_column, locale_column]
    earlier, last = body["query"]["bool"]["must"]
    assert earlier == {"terms": {"_search_title_terms": sorted(analysed.words[0].terms)}}
    prefixes = [clause["prefix"]["_search_title_terms"]["value"] for clause in last["bool"]["should"]]
    assert prefixes == sorted(analysed.words[-1].terms)
    assert any(prefix.startswith(KEY_PREFIX) for prefix in prefixes), "other scripts and spellings meet"
    assert {"term": {"live_filter": True}} in body["query"]["bool"]["filter"]


@pytest.mark.django_db
def test_unreachable_suggestions_come_from_the_database(backend, home_page, locales):
    factories.StandardPageFactory(parent=home_page, title="Pushkin Foundation")
    site = Site.objects.get(is_default_site=True)
    rows = backend.prefix_matches(analyse_prefix("Poes", ["en"]), service.visible_pages(site), 10)
    assert [Page.objects.get(pk=pk).title for pk, _type, _locale in rows] == ["Pushkin Foundation"]
