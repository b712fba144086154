"""Results beyond the re-ranked head: the engine returns only the rows a page
of results needs, and counts every match in the database."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.service import ranking
from tests import factories
from tests.helpers import reindex

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_matches(sections):
    """Nine pages about Pushkin: five organisations, four events, and a page that does not match."""
    organisations = [
        factories.OrganisationPageFactory(parent=sections["organisations"], title=f"Pushkin society {number}")
        for number in range(5)
    ]
    events = [
        factories.EventPageFactory(parent=sections["events"], title=f"Pushkin evening {number}") for number in range(4)
    ]
    unrelated = factories.StandardPageFactory(parent=sections["events"].get_parent(), title="The choir")
    reindex()
    return organisations, events, unrelated


@pytest.fixture
def shallow_rerank(monkeypatch):
    """Re-rank only the best two, so that a few pages reach past the engine's rows."""
    monkeypatch.setattr(ranking, "RERANK_DEPTH", 2)


def every_page(client, **params):
    """The results of every page of a search, and the first page's body."""
    first = client.get("/api/search/", {**params, "page_size": 2}).json()
    titles = [result["title"] for result in first["results"]]
    for number in range(2, -(-first["count"] // 2) + 1):
        body = client.get("/api/search/", {**params, "page_size": 2, "page": number}).json()
        assert body["count"] == first["count"]
        titles += [result["title"] for result in body["results"]]
    return first, titles


def test_every_match_is_on_one_page_of_results(client, many_matches, shallow_rerank):
    first, titles = every_page(client, q="pushkin")
    assert first["count"] == 9 and len(titles) == 9 and len(set(titles)) == 9
    assert first["facets"]["type"] == {"organisation": 5, "event": 4}


def test_the_type_filter_counts_and_pages_only_its_type(client, many_matches, shallow_rerank):
    first, titles = every_page(client, q="pushkin", type="event")
    assert first["count"] == 4 and sorted(titles) == [f"Pushkin evening {number}" for number in range(4)]
    # The facets still count every type.
    assert first["facets"]["type"] == {"organisation": 5, "event": 4}


def test_a_promoted_match_beyond_the_engines_rows_is_counted_once(client, many_matches, shallow_rerank):
    organisations, events, unrelated = many_matches
    last = every_page(client, q="pushkin")[1][-1]  # far past the four rows the first page asks for
    promoted = next(page for page in [*organisations, *events] if page.title == last)
    SearchPromotion.objects.create(query=Query.get("pushkin"), page=promoted, sort_order=0)
    SearchPromotion.objects.create(query=Query.get("pushkin"), page=unrelated, sort_order=1)
    first, titles = every_page(client, q="pushkin")
    assert titles[:2] == [last, "The choir"]
    assert first["count"] == 10 and len(titles) == 10 and len(set(titles)) == 10
