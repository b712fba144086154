"""A search's work is bounded whatever the pages hold: snippets and the
re-ranking read a capped part of each page, and find what they look for in
one pass (a page repeating a word tens of thousands of times costs no more)."""

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend

from search import service
from search.analysis import MAX_QUERY_WORDS, analyse_query
from search.matches import MAX_RERANKED_TERMS_TEXT, AnalysedSearchQuery, PageRef, split_terms
from search.service import SearchParams, snippets
from tests import factories
from tests.helpers import reindex

#: A paragraph an import accepts: about 2 MB, the word 30,000 times.
HUGE_PARAGRAPH = "<p>" + "Pushkin wrote poems in Mikhailovskoye. " * 30_000 + "</p>"


@pytest.fixture
def huge_page(home_page):
    page = factories.StandardPageFactory(
        parent=home_page, title="Readings", summary="", body=[("paragraph", HUGE_PARAGRAPH)]
    )
    reindex()
    return page


@pytest.mark.django_db
def test_a_page_repeating_the_word_gets_its_snippet_from_a_capped_text(huge_page, monkeypatch):
    tokenised = []
    tokens = snippets.tokens

    def counting_tokens(text):
        tokenised.append(len(text))
        return tokens(text)

    monkeypatch.setattr(snippets, "tokens", counting_tokens)
    site = Site.objects.get(is_default_site=True)
    started = time.monotonic()
    response = service.search(SearchParams(q="pushkin"), site, log=False)
    assert time.monotonic() - started < 2.0  # generous: the work is bounded below
    (hit,) = response.results
    assert hit.page.pk == huge_page.pk
    assert hit.snippet.count("<mark>Pushkin</mark>") == 6 and hit.snippet.endswith("…")
    assert tokenised and max(tokenised) <= snippets.MAX_SNIPPET_SOURCE


@pytest.mark.django_db
def test_the_reranking_reads_capped_terms(huge_page):
    backend = get_search_backend()
    analysed = analyse_query("pushkin mikhailovskoye")
    matches = backend.ranked_matches(AnalysedSearchQuery(analysed), Page.objects.live(), limit=10)
    _title, terms = matches.terms[huge_page.pk]
    assert len(terms) > 1_000 and len(" ".join(terms)) <= MAX_RERANKED_TERMS_TEXT
    (_title, terms) = backend.analysed_terms([PageRef(huge_page.pk, huge_page.content_type_id)])[huge_page.pk]
    assert len(" ".join(terms)) <= MAX_RERANKED_TERMS_TEXT


def test_the_page_text_is_read_up_to_the_cap():
    class Page:
        summary = "a" * 10

        def get_search_fields(self):
            return []

    page = Page()
    page.indexed_tag_names = ["x" * 50, "y" * 50]
    assert snippets.page_plain_text(page, limit=60) == "x" * 50 + " " + "y" * 9


def test_terms_cut_by_the_cap_are_left_out():
    assert split_terms("abc def ghi", limit=5) == ["abc"]
    assert split_terms("abc def ghi", limit=7) == ["abc", "def"]
    assert split_terms("abc def ghi", limit=11) == ["abc", "def", "ghi"]
    assert split_terms("abcdefghi", limit=5) == []


@pytest.mark.django_db
def test_a_highlight_reads_the_first_characters_only():
    analysed = analyse_query("pushkin")
    text = "Pushkin " * 10 + "filler " * 10_000 + "Pushkin"
    snippet = snippets.highlight(text, analysed, "en", limit=100)
    assert snippet.startswith("<mark>Pushkin</mark>") and snippet.endswith("…")
    assert snippet.count("<mark>") == 10


@given(st.lists(st.integers(min_value=0, max_value=200), min_size=1, max_size=60), st.integers(1, 40))
def test_the_best_window_is_the_earliest_holding_the_most_hits(positions, words):
    hits = sorted(set(positions))
    expected = max(hits, key=lambda first: sum(1 for hit in hits if first <= hit < first + words))
    assert snippets.best_window(hits, words) == expected


@pytest.mark.django_db
def test_a_query_of_many_words_is_analysed_up_to_a_bound():
    query = " ".join(f"w{number}" for number in range(60))[:200]
    analysed = analyse_query(query)
    assert [word.text for word in analysed.words] == [f"w{number}" for number in range(MAX_QUERY_WORDS)]
    assert len(analyse_query("pushkin " * 25).words) == 1
