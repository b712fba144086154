"""The engine stage: one statement that finds, filters and ranks, with the
visitor's conditions taken from the page queryset itself."""

import pytest
from wagtail.models import Page, PageViewRestriction

from search.backends.database import page_conditions, tsquery_text
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


def test_tsquery_lexemes_are_quoted():
    assert tsquery_text(["o'neill", "pushkin"], ["0paxkan"]) == "'o''neill' | 'pushkin' | '0paxkan':*"
    assert tsquery_text([], ["poes"], weight="A") == "'poes':*A"
