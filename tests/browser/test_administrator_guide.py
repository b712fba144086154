"""The administrator's guide, walked in a browser; with GUIDE_SCREENSHOTS=1 it also takes the guide's pictures.

An administrator finds the editorial groups, adds a Dutch translator, reads
the sites and locales; reads the dashboard's popular searches, adds a synonym
group, finds a promotion and adds a redirect that a visitor then follows; and
imports a file through the admin (upload, check, confirm, progress, report).
Each step is asserted on every run; the pictures go to
docs/guides/img/administrator-*.png for docs/guides/administrator.md.
"""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from accounts.translator_groups import language_group_name
from core.cache import content_cache
from interchange.jobs import JobProgress
from interchange.models import ImportJob
from organisations.models import OrganisationPage
from search.models import SynonymGroup
from tests import factories
from tests.helpers.guide import shoot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def site(home_page, sections):
    factories.UserFactory(username="root", first_name="Irina", is_superuser=True, is_staff=True)
    fund = factories.OrganisationPageFactory(
        parent=sections["organisations"], title="Pushkin Fund", slug="pushkin-fund", summary="Poetry for everyone."
    )
    return {**sections, "home": home_page, "fund": fund}


def test_users_groups_sites_and_locales(browser_page, site):
    page = browser_page
    sign_in(page, "root")

    page.goto("/admin/groups/")
    for group in ("Editors", "Moderators", "Translators", language_group_name("fr"), language_group_name("ru")):
        assert page.get_by_role("link", name=group, exact=True).is_visible()
    shoot(page, "administrator-01-groups")

    page.goto("/admin/users/")
    page.get_by_role("link", name="Add a user").click()
    page.locator("#id_username").fill("nadia")
    page.locator("#id_email").fill("nadia@example.org")
    page.locator("#id_first_name").fill("Nadia")
    page.locator("#id_last_name").fill("Janssens")
    page.locator("#id_password1").fill("a long and private passphrase")
    page.locator("#id_password2").fill("a long and private passphrase")
    page.get_by_role("tab", name="Roles").first.click()
    page.get_by_label(language_group_name("nl"), exact=True).check()
    shoot(page, "administrator-02-new-user-roles")
    page.get_by_role("button", name="Create").click()
    page.get_by_text("User 'nadia' created.").wait_for()
    nadia = get_user_model().objects.get(username="nadia")
    assert list(nadia.groups.values_list("name", flat=True)) == [language_group_name("nl")]

    page.goto("/admin/sites/")
    assert page.get_by_role("main").get_by_text(site["home"].title).first.is_visible()
    shoot(page, "administrator-03-sites")

    page.goto("/admin/locales/")
    main = page.get_by_role("main")
    for language in ("English", "Nederlands", "Français", "Русский"):
        assert main.get_by_text(language).first.is_visible()
    shoot(page, "administrator-04-locales")


def test_search_promotions_synonyms_and_redirects(browser_page, site):
    today = timezone.localdate()
    for text, hits, results in (("pushkin", 7, 4), ("tchaikovsky", 3, 0), ("choir", 2, 2)):
        query = Query.get(text)
        for day in range(hits):
            query.add_hit(date=today - datetime.timedelta(days=day))
        factories.QueryResultsFactory(query=query, results=results)
    SearchPromotion.objects.create(
        query=Query.get("pushkin"), page=site["fund"], sort_order=0, description="The fund's own page."
    )
    page = browser_page
    sign_in(page, "root")

    panel = page.locator("#popular-searches-section")
    panel.scroll_into_view_if_needed()
    assert "pushkin" in panel.get_by_role("row").nth(1).inner_text()
    assert "tchaikovsky (3 searches)" in panel.inner_text()
    shoot(page, "administrator-05-popular-searches")

    page.goto("/admin/snippets/search/synonymgroup/add/")
    page.locator("#id_variants").fill("Tchaikovsky, Tsjaikovski, Чайковский")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("created").first.wait_for()
    assert SynonymGroup.objects.get().variants == "Tchaikovsky, Tsjaikovski, Чайковский"
    shoot(page, "administrator-06-synonyms")

    page.goto("/admin/searchpicks/")
    assert page.get_by_role("link", name="pushkin", exact=True).is_visible()
    assert page.get_by_role("link", name="Pushkin Fund").is_visible()
    shoot(page, "administrator-07-promotions")

    page.goto("/admin/redirects/add/")
    page.locator("#id_old_path").fill("/fund")
    page.get_by_role("button", name="Choose a page").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("textbox").first.fill("Pushkin")
    modal.get_by_role("link", name="Pushkin Fund").click()
    modal.wait_for(state="hidden")
    shoot(page, "administrator-08-redirect")
    page.get_by_role("button", name="Create").click()
    page.get_by_text("Redirect '/fund' added.").wait_for()
    assert Redirect.objects.get().old_path == "/fund"

    page.context.clear_cookies()
    page.goto("/fund")
    page.get_by_role("heading", level=1, name="Pushkin Fund").wait_for()
    assert page.url.endswith("/en/organisations/pushkin-fund/")


def test_import_through_the_admin(browser_page, site):
    line = {"id": "chekhov-circle", "type": "organisation", "locale": "en", "title": "Chekhov Circle", "city": "Liège"}
    page = browser_page
    sign_in(page, "root")

    page.goto("/admin/content-import/")
    page.get_by_label("Content file").set_input_files(
        files=[{"name": "circles.jsonl", "mimeType": "application/octet-stream", "buffer": json.dumps(line).encode()}]
    )
    shoot(page, "administrator-09-import-upload")
    page.get_by_role("button", name="Check the file").click()

    # Tests run the worker's tasks at once: the check is done when the job's page opens.
    confirm = page.get_by_role("button", name="Confirm the import")
    confirm.wait_for()
    assert page.get_by_text("1 lines: 1 items and 0 translations.").is_visible()
    assert not OrganisationPage.objects.filter(external_id="chekhov-circle").exists()
    shoot(page, "administrator-10-import-checked")
    confirm.click()
    page.get_by_text("1 created, 0 updated, 0 unchanged.").wait_for()
    assert OrganisationPage.objects.get(external_id="chekhov-circle").city == "Liège"
    shoot(page, "administrator-12-import-report")

    # A large import while the worker runs it: the page follows its progress.
    running = factories.ImportJobFactory(
        file_name="network-2026.jsonl",
        status=ImportJob.Status.RUNNING,
        lines_total=2000,
        sources=1600,
        translations=400,
        started_at=timezone.now(),
    )
    content_cache().set(JobProgress.key_of(running.pk), 1200)
    page.goto(f"/admin/content-import/{running.pk}/")
    page.get_by_text("1200 of 2000 lines done.").wait_for()
    assert page.locator("progress#job-progress").get_attribute("value") == "1200"
    shoot(page, "administrator-11-import-progress")
