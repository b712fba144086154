"""The engine stage: one statement that finds, filters and ranks, with the
visitor's conditions taken from the page queryset itself."""

import pytest
from wagtail.models import Page, PageViewRestriction

from search.backends.database import page_conditions, tsquery_text
from search.models import PageSearchEntry
from tests import factories

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
