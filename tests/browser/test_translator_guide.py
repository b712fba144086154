"""The translator's path, end to end in a browser; with GUIDE_SCREENSHOTS=1 it also takes the guide's pictures.

A French translator signs in, finds their work on the dashboard, opens the
translation status report, finds the English source in the explorer (read
only), submits another page from the report (French is ticked already),
translates the title in wagtail-localize's editor and publishes: the page gets
a French slug, and the English text not yet translated carries ``lang="en"``.
The screenshots go to docs/guides/img/ for docs/guides/translator.md, so the
guide shows the admin as it is.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Locale
from wagtail_localize.operations import translate_object

from accounts.translator_groups import language_group_name
from localisation.translation import translate_page
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse battery staple"  # UserFactory's
GUIDE_IMAGES = Path(settings.BASE_DIR) / "docs" / "guides" / "img"


def shoot(page, name):
    """A picture for the guide, only when asked (GUIDE_SCREENSHOTS=1)."""
    if os.environ.get("GUIDE_SCREENSHOTS") == "1":
        GUIDE_IMAGES.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(GUIDE_IMAGES / f"translator-{name}.png"))


@pytest.fixture
def site_in_french(home_page):
    translate_page(home_page, "fr", {"title": "Accueil", "slug": "accueil"})
    organisations = factories.OrganisationIndexPageFactory(parent=home_page, title="Organisations")
    translate_page(organisations, "fr", {"title": "Organisations", "slug": "organisations"})
    submitted = factories.OrganisationPageFactory(
        parent=organisations, title="Pushkin Fund", slug="pushkin-fund", summary="Poetry for everyone.", city="Ghent"
    )
    waiting = factories.OrganisationPageFactory(
        parent=organisations, title="Coordination Council", slug="coordination-council", city="Brussels"
    )
    # An editor submitted the Pushkin Fund for French (the translator's mail and dashboard say so).
    translate_object(submitted, [Locale.objects.get(language_code="fr")])
    return {"organisations": organisations, "submitted": submitted, "waiting": waiting}


def test_a_translator_finds_translates_and_publishes(browser_page, site_in_french):
    factories.UserFactory(username="camille", group=language_group_name("fr"))
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("camille")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    panel = page.locator("section.translator-work")
    panel.wait_for()
    assert "New: 1" in " ".join(panel.inner_text().split())
    assert panel.get_by_role("link", name="Pushkin Fund").is_visible()
    shoot(page, "1-dashboard")

    page.goto("/admin/reports/translation-status/?locale=fr")
    row = page.locator("tr", has=page.get_by_text("Coordination Council", exact=True))
    assert "Not started" in row.inner_text()
    shoot(page, "2-report")

    # The English source, read only: listed in the explorer, no edit link.
    page.goto(f"/admin/pages/{site_in_french['organisations'].pk}/")
    page.get_by_text("Coordination Council").first.wait_for()
    shoot(page, "3-explorer")

    page.goto("/admin/reports/translation-status/?locale=fr")
    row = page.locator("tr", has=page.get_by_text("Coordination Council", exact=True))
    row.get_by_role("link", name="Translate").click()
    assert page.get_by_label("Français").is_checked()
    shoot(page, "4-translate-form")
    page.get_by_role("button", name="Submit").click()
    # Back in the report, which now offers the translation's editor.
    row = page.locator("tr", has=page.get_by_text("Coordination Council", exact=True))
    row.get_by_role("link", name="Edit translation").click()
    page.locator(".js-translation-editor").wait_for()

    translate_segment(page, "Coordination Council", "Conseil de coordination")
    shoot(page, "5-editor")
    page.get_by_role("button", name="Publish in Français").click()
    # Published with the city still in English: wagtail-localize says so.
    page.get_by_text("Published 'Conseil de coordination' in Français").wait_for()

    # The French address comes from the French title; the English city is marked as English.
    page.context.clear_cookies()
    response = page.goto("/fr/organisations/conseil-de-coordination/")
    assert response.status == 200
    page.get_by_role("heading", level=1, name="Conseil de coordination").wait_for()
    assert page.locator('[lang="en"]', has_text="Brussels").count() >= 1
    shoot(page, "6-published")


def translate_segment(page, source, translation):
    """Translate one string in wagtail-localize's editor and wait until it is saved."""
    row = page.locator("li", has=page.get_by_text(source, exact=True)).last
    row.get_by_role("button", name="Translate").click()
    row.locator("textarea").fill(translation)
    row.get_by_role("button", name="Save").click()
    row.get_by_role("button", name="Edit").wait_for()
