"""Page tree rules: where each page type may be created, and what it may hold.

The tree is the site's structure (one home page per language, one section of
each kind under it, content pages in their section), so these rules are what
keeps an editor from filing an event under the heritage section.
"""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cooperation.models import CooperationIndexPage
from events.models import EventIndexPage, EventPage
from forms.models import FormPage
from heritage.models import HeritageIndexPage, HeritageProjectPage
from home.models import HomePage, StandardPage
from jubilees.models import JubileeIndexPage, JubileePage
from listings.models import CollectionPage
from organisations.models import OrganisationIndexPage, OrganisationPage

SECTIONS = {OrganisationIndexPage, JubileeIndexPage, HeritageIndexPage, EventIndexPage}
ALL_PAGE_TYPES = {
    HomePage,
    StandardPage,
    OrganisationIndexPage,
    OrganisationPage,
    JubileeIndexPage,
    JubileePage,
    HeritageIndexPage,
    HeritageProjectPage,
    EventIndexPage,
    EventPage,
}
SECTION_CONTENT = {
    OrganisationIndexPage: OrganisationPage,
    JubileeIndexPage: JubileePage,
    HeritageIndexPage: HeritageProjectPage,
    EventIndexPage: EventPage,
}


class PageTreeTests(WagtailPageTestCase):
    def test_home_page_sits_under_the_root_and_holds_the_sections(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage, SECTIONS | {StandardPage, CollectionPage, CooperationIndexPage, FormPage}
        )
        self.assertCanCreateAt(Page, HomePage)

    def test_standard_pages_nest_under_the_home_page_and_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage, FormPage})
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(Page, StandardPage)

    def test_form_pages_sit_under_the_home_page_or_a_standard_page_and_have_no_children(self):
        self.assertAllowedParentPageTypes(FormPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(FormPage, set())
        self.assertCanCreateAt(HomePage, FormPage)
        self.assertCanCreateAt(StandardPage, FormPage)
        self.assertCanNotCreateAt(Page, FormPage)

    def test_each_section_sits_under_the_home_page_and_holds_only_its_content(self):
        for section, content in SECTION_CONTENT.items():
            with self.subTest(section=section.__name__):
                self.assertAllowedParentPageTypes(section, {HomePage})
                self.assertAllowedSubpageTypes(section, {content})
                self.assertCanCreateAt(HomePage, section)
                self.assertCanNotCreateAt(Page, section)
                self.assertCanNotCreateAt(StandardPage, section)

    def test_content_pages_live_only_in_their_section_and_have_no_children(self):
        for section, content in SECTION_CONTENT.items():
            with self.subTest(content=content.__name__):
                self.assertAllowedParentPageTypes(content, {section})
                self.assertAllowedSubpageTypes(content, set())
                self.assertCanCreateAt(section, content)
                for other in ALL_PAGE_TYPES - {section}:
                    self.assertCanNotCreateAt(other, content)

    def test_a_home_page_holds_one_section_of_each_kind(self):
        for section in SECTIONS:
            with self.subTest(section=section.__name__):
                self.assertEqual(section.max_count_per_parent, 1)
