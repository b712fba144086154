"""Related pages are shown in the visitor's language (localisation.relations.localize_pages)."""

from wagtail.models import Locale

from localisation.relations import localize_pages
from tests import factories


def test_dutch_federation_lists_its_members_dutch_pages_or_marked_sources(organisation_section, federation, translate):
    translated_member = factories.OrganisationPageFactory(parent=organisation_section["en"], title="Antwerp Choir")
    untranslated_member = factories.OrganisationPageFactory(parent=organisation_section["en"], title="Bruges School")
    for member in (translated_member, untranslated_member):
        factories.OrganisationMembershipFactory(member=member, organisation=federation)
    dutch_member = translate(translated_member, "nl", {"title": "Antwerps Koor", "slug": "antwerps-koor"})
    dutch_federation = translate(federation, "nl", {"title": "Coördinatieraad", "slug": "coordinatieraad"})

    members = dutch_federation.members

    assert [(link.page.pk, link.is_fallback, link.language_code) for link in members] == [
        (dutch_member.pk, False, "nl"),
        (untranslated_member.pk, True, "en"),
    ]


def test_member_of_links_to_the_federation_in_the_members_language(organisation_section, federation, translate):
    member = factories.OrganisationPageFactory(parent=organisation_section["en"], title="Choir")
    factories.OrganisationMembershipFactory(member=member, organisation=federation)
    dutch_federation = translate(federation, "nl", {"title": "Coördinatieraad", "slug": "coordinatieraad"})
    dutch_member = translate(member, "nl", {"title": "Koor", "slug": "koor"})
    assert [(link.page.pk, link.is_fallback) for link in dutch_member.member_of] == [(dutch_federation.pk, False)]


def test_drafts_and_duplicates_are_dropped(organisation_section, federation, translate):
    draft = factories.OrganisationPageFactory(parent=organisation_section["en"], title="Draft", live=False)
    dutch_federation = translate(federation, "nl", {"title": "Coördinatieraad", "slug": "coordinatieraad"})
    translate(federation, "ru", {"title": "Координационный совет", "slug": "sovet"}, publish=False)
    dutch = Locale.objects.get(language_code="nl")
    russian = Locale.objects.get(language_code="ru")
    pages = [federation, dutch_federation, draft]
    links = localize_pages(pages, dutch, site=None)
    assert [link.page.pk for link in links] == [dutch_federation.pk]
    # A draft translation is never shown: the source stands in, marked.
    assert [(link.page.pk, link.is_fallback) for link in localize_pages([federation], russian, site=None)] == [
        (federation.pk, True)
    ]
