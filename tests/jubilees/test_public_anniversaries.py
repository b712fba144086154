"""Visitors see the coming round anniversaries under the jubilee index, in their language."""

import datetime
from http import HTTPStatus

import pytest
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from jubilees.rules import add_months
from localisation.translation import translate_page
from tests import factories


@pytest.fixture
def translate(django_capture_on_commit_callbacks):
    def _translate(source_page, language_code, values, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            translate_page(source_page, language_code, values, **kwargs)
        return source_page.get_translation(Locale.objects.get(language_code=language_code)).specific

    return _translate


@pytest.fixture
def this_year():
    return timezone.localdate().year


@pytest.fixture
def network(sections, this_year):
    organisations = sections["organisations"]
    next_month = add_months(timezone.localdate(), 1)
    return {
        "fifty": factories.OrganisationPageFactory(
            parent=organisations, title="Pushkin Fund", slug="pushkin-fund", founded_year=this_year - 50
        ),
        "twenty-five": factories.OrganisationPageFactory(
            parent=organisations,
            title="Balalaika Ensemble",
            slug="balalaika-ensemble",
            founded_year=next_month.year - 25,
            founded_date=next_month.replace(year=next_month.year - 25),
        ),
        "not round": factories.OrganisationPageFactory(
            parent=organisations, title="Chess Club", slug="chess-club", founded_year=this_year - 33
        ),
        "draft": factories.OrganisationPageFactory(
            parent=organisations, title="Secret Society", slug="secret-society", founded_year=this_year - 40, live=False
        ),
    }


def anniversaries_html(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_visitors_see_the_round_anniversaries_coming(client, sections, network, this_year):
    html = anniversaries_html(client, "/en/jubilees/anniversaries/")

    assert "Pushkin Fund" in html and "50 years" in html
    assert "Balalaika Ensemble" in html and "25 years" in html
    assert "Chess Club" not in html  # 33 is not a round number
    assert "Secret Society" not in html  # a draft is not shown
    assert 'href="/en/organisations/pushkin-fund/"' in html


def test_an_anniversary_with_its_jubilee_page_links_it(client, sections, network, this_year):
    factories.JubileePageFactory(
        parent=sections["jubilees"],
        title="Fifty years of the Pushkin Fund",
        slug="pushkin-fund-50",
        organisation=network["fifty"],
        date=datetime.date(this_year, 12, 1),
        anniversary=50,
    )
    html = anniversaries_html(client, "/en/jubilees/anniversaries/")
    assert 'href="/en/jubilees/pushkin-fund-50/"' in html


def test_an_organisation_behind_a_restriction_is_not_shown(client, sections, network):
    PageViewRestriction.objects.create(page=network["fifty"], restriction_type=PageViewRestriction.LOGIN)
    assert "Pushkin Fund" not in anniversaries_html(client, "/en/jubilees/anniversaries/")


def test_the_dutch_listing_names_organisations_in_dutch_where_translated(
    client, home_page, sections, network, translate
):
    translate(home_page, "nl", {"title": "Startpagina", "slug": "home"})
    translate(sections["organisations"], "nl", {"title": "Organisaties", "slug": "organisaties"})
    translate(sections["jubilees"], "nl", {"title": "Jubilea", "slug": "jubilea"})
    translate(network["fifty"], "nl", {"title": "Poesjkinfonds", "slug": "poesjkinfonds"})

    html = anniversaries_html(client, "/nl/jubilea/anniversaries/")

    assert '<html lang="nl">' in html
    assert 'href="/nl/organisaties/poesjkinfonds/"' in html and "Poesjkinfonds" in html
    assert "50 jaar" in html or "50 years" in html  # the interface text follows the locale's catalogue
    # Not translated: the English page, marked with its language.
    assert 'href="/en/organisations/balalaika-ensemble/" lang="en"' in html


def test_the_jubilee_index_links_the_listing(client, sections):
    assert 'href="/en/jubilees/anniversaries/"' in anniversaries_html(client, "/en/jubilees/")


def test_nothing_coming_says_so(client, sections):
    html = anniversaries_html(client, "/en/jubilees/anniversaries/")
    assert "No round anniversary is coming" in html
