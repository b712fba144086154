"""The query log writes through the ORM in a few statements, whatever the
number of queries, and keeps the results each query found: the editors'
popular searches show them and list the searches that found nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.contrib.search_promotions.models import QueryDailyHits
from wagtail.models import Site

from search import service
from search.models import QueryResults
from search.service import SearchParams, query_log
from search.wagtail_hooks import popular_searches

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_buffer():
    query_log.discard_pending()
    yield
    query_log.discard_pending()


def searched(query, times=1):
    site = Site.objects.get(is_default_site=True)
    for _ in range(times):
        service.search(SearchParams(q=query), site)


def test_each_query_keeps_its_hits_and_the_results_it_found(search_pages):
    searched("Pushkin", times=2)
    searched("samovarxyz", times=3)
    assert query_log.flush()
    found = dict(QueryResults.objects.values_list("query__query_string", "results"))
    assert found == {"pushkin": 2, "samovarxyz": 0}
    assert dict(QueryDailyHits.objects.values_list("query__query_string", "hits")) == {"pushkin": 2, "samovarxyz": 3}


def test_a_later_flush_adds_to_the_days_hits_and_updates_the_results(search_pages):
    searched("Pushkin", times=2)
    query_log.flush()
    searched("Pushkin")
    query_log.flush()
    hits = QueryDailyHits.objects.get(query__query_string="pushkin")
    assert (hits.hits, hits.date) == (3, timezone.now().date())
    assert QueryResults.objects.get(query__query_string="pushkin").results == 2


def statements_to_flush(queries):
    """The statements a flush takes for ``queries`` searched before (and written) and one new query."""
    for number in range(queries):
        query_log.record(f"query {number}", number)
    query_log.flush()
    for number in range(queries):
        query_log.record(f"query {number}", number)
    query_log.record(f"new query {queries}", 0)
    with CaptureQueriesContext(connection) as captured:
        assert query_log.flush()
    return len(captured.captured_queries)


def test_writing_many_queries_takes_no_more_statements_than_one(db):
    assert statements_to_flush(1) == statements_to_flush(20)
    assert QueryDailyHits.objects.get(query__query_string="query 7").hits == 2


def test_popular_searches_show_results_and_those_that_found_nothing(search_pages):
    searched("Pushkin", times=3)
    searched("samovarxyz", times=2)
    searched("once only xyz")
    query_log.flush()
    assert popular_searches() == [
        {"text": "pushkin", "results": 2, "hits": 3},
        {"text": "samovarxyz", "results": 0, "hits": 2},
    ]
    assert popular_searches(found_nothing=True) == [{"text": "samovarxyz", "results": 0, "hits": 2}]


def test_the_dashboard_panel_lists_searches_that_found_nothing(admin_client, search_pages):
    searched("samovarxyz", times=2)
    query_log.flush()
    content = admin_client.get("/admin/").content.decode()
    assert "Searches that found nothing" in content
    assert "samovarxyz" in content
