"""The engine stage: one statement that finds, filters and ranks, with the
visitor's conditions taken from the page queryset itself."""

import pytest
from wagtail.models import Page, PageViewRestriction
from wagtail.search.backends import get_search_backend

from search.analysis import analyse_query, name_keys, stem
from search.backends.database.postgres import tsquery_text
from search.backends.database.statements import page_conditions
from search.matches import AnalysedSearchQuery, RankedMatches
from search.models import PageSearchEntry
from search.service import filter_types
from tests import factories
from tests.helpers import reindex

pytestmark = pytest.mark.django_db


def test_conditions_of_an_empty_queryset_match_nothing(home_page):
    assert page_conditions(Page.objects.none()) is None


def test_conditions_of_an_unfiltered_queryset_match_everything(home_page):
    assert page_conditions(Page.objects.all()) == ("1 = 1", [])


def test_conditions_carry_the_restrictions(home_page):
    private = factories.StandardPageFactory(parent=home_page, title="Members")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    sql, params = page_conditions(Page.objects.live().public())
    assert "path" in sql and f"{private.path}%" in params


def test_a_queryset_with_a_join_is_refused(home_page):
    with pytest.raises(ValueError, match="without joins"):
        page_conditions(Page.objects.filter(locale__language_code="en"))


def test_conditions_can_read_a_table_copying_the_page_columns(home_page):
    sql, _params = page_conditions(
        Page.objects.live().public().filter(locale_id=home_page.locale_id),
        table="search_pagesearchentry",
        columns=PageSearchEntry.PAGE_COLUMNS,
    )
    assert '"search_pagesearchentry"."live"' in sql and '"search_pagesearchentry"."locale_id"' in sql
    assert "wagtailcore_page" not in sql


def test_conditions_on_a_column_not_copied_are_refused(home_page):
    with pytest.raises(ValueError, match="show_in_menus"):
        page_conditions(
            Page.objects.filter(show_in_menus=True),
            table="search_pagesearchentry",
            columns=PageSearchEntry.PAGE_COLUMNS,
        )


def test_tsquery_lexemes_are_quoted():
    assert tsquery_text(["o'neill", "pushkin"], ["0paxkan"]) == "'o''neill' | 'pushkin' | '0paxkan':*"
    assert tsquery_text([], ["poes"], weight="A") == "'poes':*A"


def test_ranked_matches_from_all_rows_count_every_match_and_keep_the_best_wanted():
    rows = [(1, 10, 1), (2, 11, 1), (3, 10, 2), (4, 10, 1)]
    matches = RankedMatches.of(rows, wanted=lambda row: row[1] == 10, limit=2)
    assert matches.rows == [(1, 10, 1), (3, 10, 2)]
    assert matches.counts == {(10, 1): 2, (11, 1): 1, (10, 2): 1}


def test_the_engine_counts_every_match_and_returns_the_best_wanted_rows(search_pages):
    reindex()
    backend = get_search_backend()
    query = AnalysedSearchQuery(analyse_query("pushkin"))
    events = filter_types(Page.objects.all(), ["event"])
    matches = backend.ranked_matches(query, Page.objects.live(), limit=1, wanted=events)
    day = search_pages["day"]
    assert matches.rows == [(day.pk, day.content_type_id, day.locale_id)]
    fund = search_pages["fund"]
    assert matches.counts == {(fund.content_type_id, fund.locale_id): 1, (day.content_type_id, day.locale_id): 1}
    # Each returned row comes with its indexed terms, for the re-ranking.
    title_terms, all_terms = matches.terms[day.pk]
    assert set(matches.terms) == {day.pk}
    assert name_keys("pushkin")[0] in title_terms
    assert set(title_terms) < set(all_terms)
    assert stem("birthday", "en") in all_terms
    nothing = backend.ranked_matches(query, Page.objects.none(), limit=10)
    assert (nothing.rows, nothing.counts) == ([], {})
