"""Snippets show running text (summary, body), never bare field values or
tags; the result's own line shows place and date."""

import pytest
from wagtail.models import Site

from search import service
from search.service import SearchParams
from tests import factories

pytestmark = pytest.mark.django_db


def hit_for(query):
    site = Site.objects.get(is_default_site=True)
    (hit,) = service.search(SearchParams(q=query), site, log=False).results
    return hit


def test_a_snippet_is_the_summary_not_the_venue_and_city(sections):
    factories.EventPageFactory(
        parent=sections["events"],
        title="Congress of compatriots",
        summary="Delegates of the associations meet for two days of talks.",
        venue="Liège Congress Centre",
        city="Liège",
    )
    hit = hit_for("Liège")
    assert hit.snippet == "Delegates of the associations meet for two days of talks."
    assert "Congress Centre" not in hit.snippet


def test_a_snippet_marks_the_words_found_in_the_body_text(sections):
    factories.EventPageFactory(
        parent=sections["events"],
        title="Evening of songs",
        summary="Romances and folk songs by the samovar.",
        venue="Samovar Hall",
    )
    assert hit_for("samovar").snippet == "Romances and folk songs by the <mark>samovar</mark>."


def test_the_search_page_shows_place_and_date_on_their_own_line(client, sections):
    factories.EventPageFactory(
        parent=sections["events"], title="Balalaika concert", summary="An evening of music.", city="Antwerp"
    )
    content = client.get("/en/search/", {"q": "balalaika"}).content.decode()
    assert '<p class="snippet search-result__snippet">An evening of music.</p>' in content
    assert "<span>Antwerp</span>" in content
