"""The organisation directory shows no page a visitor may not see, and refuses bad parameters with a 4xx.

The directory reads its summary (cities, countries, federations' member
counts) and its alphabetical order as rows and keeps them per content version
(organisations.models): each kind of hidden organisation
(tests/helpers/hidden_pages.py) stays out of the list, the filters and the
figures, also from what was kept before it was hidden or expired.
"""

import time
from http import HTTPStatus

import pytest
from django.utils import timezone

from organisations.models import OrganisationPage
from tests import factories
from tests.helpers.hidden_pages import bad_queries, make_hidden_pages, shown

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(sections):
    return sections["organisations"]


@pytest.fixture
def public(directory):
    federation = factories.OrganisationPageFactory(
        parent=directory, title="Qzdirpublic", slug="qzdirpublic", kind="federation", city="Qzdirpubliccity"
    )
    member = factories.OrganisationPageFactory(parent=directory, title="Qzdirmember", slug="qzdirmember")
    factories.OrganisationMembershipFactory(member=member, organisation=federation)
    return federation, member


@pytest.fixture
def hidden(directory, public):
    """Hidden federations of every kind, each with the public member, in a city and country of their own."""
    federation, member = public
    pages = make_hidden_pages(directory, factories.OrganisationPageFactory, "qzdir", kind="federation")
    for page in pages.values():
        OrganisationPage.objects.filter(pk=page.pk).update(city=f"{page.slug}city", country="AQ")
        factories.OrganisationMembershipFactory(member=member, organisation=page)
        factories.OrganisationMembershipFactory(member=page, organisation=federation)
    return pages


def directory_texts(client, directory, extra=()):
    urls = [directory.url, f"{directory.url}?page=2", f"{directory.url}?kind=federation", *extra]
    answers = {url: client.get(url) for url in urls}
    assert {url: answer.status_code for url, answer in answers.items() if answer.status_code != HTTPStatus.OK} == {}
    return {url: answer.content.decode() for url, answer in answers.items()}


def leaks(answers, pages):
    return {url: found for url, text in answers.items() if (found := shown(text, pages))}


def test_no_hidden_organisation_shows_in_the_directory_its_filters_or_figures(client, directory, public, hidden):
    answers = directory_texts(client, directory, [f"{directory.url}?country=AQ"])
    assert "Qzdirpublic" in answers[directory.url]
    assert leaks(answers, hidden.values()) == {}
    assert "Antarctica" not in answers[directory.url], "a country only hidden organisations have is not offered"


def test_a_hidden_organisations_city_asked_for_filters_nothing(client, directory, public, hidden):
    for kind, page in hidden.items():
        asked = f"{page.slug}city"
        response = client.get(directory.url, {"city": asked})
        assert response.status_code == HTTPStatus.OK
        assert shown(response.content.decode().lower().replace(asked, ""), hidden.values()) == [], kind


def test_the_public_pages_name_no_hidden_federation_or_member(client, public, hidden):
    for page in public:
        response = client.get(page.url)
        assert response.status_code == HTTPStatus.OK
        assert shown(response.content.decode(), hidden.values()) == [], page.title


def test_the_alphabetical_order_holds_no_hidden_organisation_on_any_page(client, directory, hidden, public):
    for number in range(2, 8):
        factories.OrganisationPageFactory(parent=directory, title=f"Qzdir filler {number}")
    text = "".join(client.get(directory.url, {"page": page}).content.decode() for page in ("1", "2", "99"))
    assert shown(text, hidden.values()) == []


def test_an_organisation_hidden_after_the_directory_was_kept_leaves_it(client, directory, public):
    federation, _member = public
    assert leaks(directory_texts(client, directory), [federation])
    federation.unpublish()
    assert leaks(directory_texts(client, directory), [federation]) == {}
    federation.save_revision().publish()
    assert leaks(directory_texts(client, directory), [federation])


def test_an_organisation_expiring_after_the_directory_was_kept_leaves_it_when_it_expires(client, directory, public):
    federation, _member = public
    soon = timezone.now() + timezone.timedelta(seconds=3)
    OrganisationPage.objects.filter(pk=federation.pk).update(expire_at=soon)
    factories.OrganisationPageFactory(parent=directory, title="Qzdirother")  # moves the content version on
    assert leaks(directory_texts(client, directory), [federation])
    time.sleep(max(0, (soon - timezone.now()).total_seconds()) + 0.2)
    assert leaks(directory_texts(client, directory), [federation]) == {}


PARAMETERS = ("page", "kind", "city", "country", "locale", "group", "p")


@pytest.mark.parametrize("name", PARAMETERS)
def test_bad_parameters_give_a_clear_answer(client, directory, public, name):
    for query in bad_queries(name):
        response = client.get(f"{directory.url}?{query}")
        assert response.status_code in (200, 400, 404), (query, response.status_code)
