"""A translation that is not done marks the source's text it shows with the source's language."""

import re

from wagtail.models import Locale

from localisation.fallback_text import mark_fallback_text
from tests import factories


def test_an_element_holding_only_untranslated_text_gets_the_source_language():
    page = "<html lang='fr'><head><title>Choir</title></head><body><h1>Chorale</h1><p class=s>Sings &amp; plays</p></body></html>"
    marked = mark_fallback_text(page, "en", {"Sings & plays", "Choir"})
    assert '<p class=s lang="en">Sings &amp; plays</p>' in marked
    assert "<title>Choir</title>" in marked  # the head is not text on the page
    assert "<h1>Chorale</h1>" in marked


def test_a_paragraph_with_a_link_matches_as_a_whole():
    page = '<body><div><p>Read <a href="/x">the charter</a> first.</p></div></body>'
    assert mark_fallback_text(page, "en", {"Read the charter first."}) == (
        '<body><div><p lang="en">Read <a href="/x">the charter</a> first.</p></div></body>'
    )


def test_text_beside_other_content_is_wrapped():
    page = "<body><h1>Coordination Council <small>1995</small></h1></body>"
    assert mark_fallback_text(page, "en", {"Coordination Council"}) == (
        '<body><h1><span lang="en">Coordination Council </span><small>1995</small></h1></body>'
    )


def test_text_already_marked_and_other_text_are_left_alone():
    page = '<body><p lang="en">Brussels</p><ul><li>Bruxelles</li></ul><script>var a = "Brussels";</script></body>'
    assert mark_fallback_text(page, "en", {"Brussels"}) == page


def test_a_french_page_marks_its_english_fallback(client, organisation_section, translate):
    index_fr = translate(organisation_section["en"], "fr", {"title": "Organisations", "slug": "organisations"})
    source = factories.OrganisationPageFactory(
        parent=organisation_section["en"], title="Flemish Choir", slug="flemish-choir", city="Antwerp"
    )
    french = translate(source, "fr", {"title": "Chorale flamande", "slug": "chorale-flamande"})
    assert index_fr.live and french.live
    html = client.get(french.url).content.decode()
    assert re.search(r'<html[^>]* lang="fr"', html)
    assert re.search(r'<[a-z0-9]+[^>]* lang="en"[^>]*>\s*Antwerp\s*<', html), "the untranslated city"
    assert not re.search(r'lang="en"[^>]*>\s*Chorale flamande', html)

    translate(source, "fr", {"city": "Anvers"})
    html = client.get(french.url).content.decode()
    assert "Anvers" in html
    assert not re.search(r'lang="en"[^>]*>\s*(Antwerp|Anvers)\s*<', html)


def test_the_source_page_is_not_touched(client, organisation_section):
    source = factories.OrganisationPageFactory(parent=organisation_section["en"], title="Flemish Choir", city="Antwerp")
    html = client.get(source.url).content.decode()
    assert 'lang="en">Antwerp' not in html
    assert Locale.objects.count() == 4
