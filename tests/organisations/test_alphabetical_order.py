"""Lists of organisations are alphabetical in the page's own language."""

from http import HTTPStatus

import pytest
from wagtail.models import Locale

from localisation.collation import sort_key
from localisation.translation import translate_page
from tests import factories

pytestmark = pytest.mark.django_db

# English title: Russian title. Sorted by the English titles the Russian ones are out of order.
MEMBERS = {"Amber Club": "Янтарь", "Birch Circle": "Ёлочка", "Zither School": "Азбука", "Yew Society": "Ель"}


@pytest.fixture
def federation_in_two_languages(home_page, sections):
    directory = sections["organisations"]
    federation = factories.OrganisationPageFactory(parent=directory, title="Federation", kind="federation")
    translate_page(home_page, "ru", {"title": "Главная"})
    translate_page(directory, "ru", {"title": "Организации", "slug": "organizatsii"})
    translate_page(federation, "ru", {"title": "Федерация", "slug": "federatsiia"})
    for number, (english, russian) in enumerate(MEMBERS.items()):
        member = factories.OrganisationPageFactory(parent=directory, title=english)
        factories.OrganisationMembershipFactory(member=member, organisation=federation)
        member.save_revision().publish()
        translate_page(member, "ru", {"title": russian, "slug": f"member-{number}"})
    return federation


def member_titles(page):
    return [link.page.title for link in page.members]


def test_members_are_sorted_by_their_titles_in_the_pages_language(federation_in_two_languages):
    federation = federation_in_two_languages
    russian = federation.get_translation(Locale.objects.get(language_code="ru"))

    assert member_titles(federation) == ["Amber Club", "Birch Circle", "Yew Society", "Zither School"]
    # Ё sorts with Е (Ёлочка before Ель: л before ль), all before Я.
    assert member_titles(russian.specific) == ["Азбука", "Ёлочка", "Ель", "Янтарь"]


def test_the_russian_federation_page_lists_its_members_in_russian_order(client, federation_in_two_languages):
    response = client.get("/ru/organizatsii/federatsiia/")

    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    positions = [content.index(title) for title in ("Азбука", "Ёлочка", "Ель", "Янтарь")]
    assert positions == sorted(positions)


def test_the_directory_is_alphabetical_with_accents_and_case(client, sections):
    directory = sections["organisations"]
    titles = ["Zuid", "Été russe", "eau vive", "Œuvre", "Oasis", "Ouest", "Amis", "Ärzte"]
    for number, title in enumerate(titles):
        factories.OrganisationPageFactory(parent=directory, title=title, slug=f"org-{number}")

    response = client.get(directory.get_url())

    listed = [page.title for page in response.context["organisations"]]
    assert listed == ["Amis", "Ärzte", "eau vive", "Été russe", "Oasis", "Œuvre", "Ouest", "Zuid"]


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Иван", "Йошкар", "Ия"], ["Иван", "Ия", "Йошкар"]),
        (["Ель", "Ёж", "Есть"], ["Ёж", "Ель", "Есть"]),
        (["«Русский дом»", "Радуга", "Яблоко"], ["Радуга", "«Русский дом»", "Яблоко"]),
        (["côté", "cote", "côte", "coté"], ["cote", "coté", "côte", "côté"]),
        (["de Brug", "De Amstel", "IJsselclub", "Inburgering"], ["De Amstel", "de Brug", "IJsselclub", "Inburgering"]),
        (["Zebra", "Ábaco", "apple", "Straße", "Strasse"], ["Ábaco", "apple", "Strasse", "Straße", "Zebra"]),
        (["Яблоко", "Apple"], ["Apple", "Яблоко"]),
    ],
)
def test_sort_key(names, expected):
    assert sorted(names, key=sort_key) == expected
