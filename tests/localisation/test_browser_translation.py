"""A translator translates a page into Dutch in the admin; a visitor then reads it at its Dutch URL.

Translators (home/migrations/0003) may edit and publish translations but not
source pages, so the translator here does the whole job: submits the English
page for translation, translates its strings in wagtail-localize's editor and
publishes the Dutch page.
"""

import pytest

from localisation.translation import translate_page
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse battery staple"  # UserFactory's


@pytest.fixture
def translator(db):
    user = factories.UserFactory(username="anneke", group="Translators")
    return user


@pytest.fixture
def english_page(home_page):
    # Transactional test: wagtail-localize's on-commit publishing runs at once.
    translate_page(home_page, "nl", {"title": "Compatriotten"})
    organisations = factories.OrganisationIndexPageFactory(parent=home_page)
    translate_page(organisations, "nl", {"title": "Organisaties", "slug": "organisaties"})
    return factories.OrganisationPageFactory(
        parent=organisations, title="Pushkin Fund", slug="pushkin-fund", summary="Poetry for everyone.", city="Ghent"
    )


def test_translator_translates_a_page_that_a_visitor_then_reads_in_dutch(browser_page, translator, english_page):
    page = browser_page
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("anneke")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", level=1).wait_for()

    page.goto(f"/admin/localize/submit/page/{english_page.pk}/")
    page.get_by_label("Nederlands").check()
    page.get_by_role("button", name="Submit").click()
    page.locator(".js-translation-editor").wait_for()

    translate_segment(page, "Pushkin Fund", "Poesjkinfonds")
    translate_segment(page, "Ghent", "Gent")
    translate_segment(page, "Poetry for everyone.", "Poëzie voor iedereen.")
    page.get_by_role("tab", name="Promote").click()
    translate_segment(page, "pushkin-fund", "poesjkinfonds")
    page.get_by_role("button", name="Publish in Nederlands").click()
    page.get_by_text("Published 'Poesjkinfonds' in Nederlands.").wait_for()

    # A visitor, in a fresh session, reads the Dutch page at its Dutch URL.
    page.context.clear_cookies()
    response = page.goto("/nl/organisaties/poesjkinfonds/")
    assert response.status == 200
    page.get_by_role("heading", level=1, name="Poesjkinfonds").wait_for()
    assert page.get_by_text("Poëzie voor iedereen.").first.is_visible()
    assert page.locator("html").get_attribute("lang") == "nl"
    switcher = page.locator("nav.language-switcher")
    assert (
        switcher.get_by_role("link", name="English").get_attribute("href")
        == "/language/en/?next=/en/organisations/pushkin-fund/"
    )


def translate_segment(page, source, translation):
    """Translate one string in wagtail-localize's editor and wait until it is saved."""
    row = page.locator("li", has=page.get_by_text(source, exact=True)).last
    row.get_by_role("button", name="Translate").click()
    row.locator("textarea").fill(translation)
    row.get_by_role("button", name="Save").click()
    row.get_by_role("button", name="Edit").wait_for()
