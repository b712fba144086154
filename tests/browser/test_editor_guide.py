"""The editor's guide, walked in a browser; with GUIDE_SCREENSHOTS=1 it also takes the guide's pictures.

An editor creates a page of each type (the event with the recurrence form),
submits a change for moderation, and a moderator approves it; the page's
history compares two revisions, and a change is scheduled to go live later.
The editor reads a form's submissions and downloads them as CSV, sees an
event's places and waiting list under Registrations, and finds the
translation status report. Each step is asserted on every run; the pictures
go to docs/guides/img/editor-*.png for docs/guides/editor.md.
"""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from cooperation.models import CooperationProtocolPage
from events.models import EventPage
from forms.models import FormPage
from heritage.models import HeritageProjectPage
from home.models import StandardPage
from jubilees.models import JubileePage
from listings.models import CollectionPage
from organisations.models import OrganisationPage
from registrations.booking import register
from tests import factories
from tests.helpers.guide import publish_menu, shoot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def network(home_page, sections, settings):
    """The sections of the site, one organisation, and Eva (Editors) and Olga (Moderators)."""
    # The page editor autosaves as one types and says who else edits the page by pinging every few
    # seconds: on the test's in-memory SQLite database (one writer, no waiting) a background save
    # racing the editor's own click fails with "table is locked". The walk saves by clicking.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 10 * 60 * 1000
    factories.UserFactory(username="eva", first_name="Eva", group="Editors")
    factories.UserFactory(username="olga", first_name="Olga", group="Moderators")
    fund = factories.OrganisationPageFactory(
        parent=sections["organisations"], title="Pushkin Fund", slug="pushkin-fund", founded_year=1976
    )
    cooperation = factories.CooperationIndexPageFactory(parent=home_page, title="Cooperation")
    return {**sections, "home": home_page, "fund": fund, "cooperation": cooperation}


def new_page(page, add_url, title):
    """Open the form of a new page and give its title, and its address (slug) under Promote."""
    page.goto(add_url)
    page.get_by_role("tab", name="Promote").click()
    page.locator("#id_slug").fill(slugify(title))
    page.get_by_role("tab", name="Content").click()
    page.locator("#id_title").fill(title)


def save_draft(page, title):
    """Save a new page as a draft; the fields the admin refused if it does not."""
    page.wait_for_load_state("networkidle")  # the editor's own requests done: SQLite takes one writer
    page.locator("footer").get_by_role("button", name="Save draft").click()
    created, refused = page.get_by_text(f"Page '{title}' created."), page.locator(".messages .error")
    created.or_(refused).first.wait_for()
    invalid = page.locator("[aria-invalid=true]").evaluate_all(
        "fields => fields.map(field => [field.name, field.value, field.closest('[data-field-wrapper]')?.textContent])"
    )
    assert created.is_visible(), (refused.all_inner_texts(), invalid)


def test_an_editor_creates_a_page_of_each_type(browser_page, network):
    page = browser_page
    sign_in(page, "eva")

    page.goto(f"/admin/pages/{network['home'].pk}/add_subpage/")
    for kind in ("Standard page", "Collection", "Form page"):
        assert page.get_by_role("link", name=kind, exact=True).is_visible()
    shoot(page, "editor-01-page-types")

    # Only organisations go under Organisations: the form opens at once.
    new_page(page, f"/admin/pages/{network['organisations'].pk}/add_subpage/", "Russian School of Antwerp")
    page.locator("#id_kind").select_option("school")
    page.locator("#id_founded_year").fill("1998")
    page.locator("#id_city").fill("Antwerp")
    page.locator("#id_country").select_option("BE")
    page.locator("#id_summary").fill("Saturday lessons in Russian for children from 4 to 16.")
    page.locator("#id_title").scroll_into_view_if_needed()
    shoot(page, "editor-02-organisation")
    save_draft(page, "Russian School of Antwerp")
    school = OrganisationPage.objects.get(title="Russian School of Antwerp")
    assert (school.founded_year, school.live) == (1998, False)

    create_weekly_event(page, network["events"])

    new_page(page, f"/admin/pages/{network['heritage'].pk}/add_subpage/", "Memorial at Leuven")
    page.locator("#id_start_year").fill("2019")
    page.locator("#id_place").fill("Leuven")
    save_draft(page, "Memorial at Leuven")
    assert HeritageProjectPage.objects.get(title="Memorial at Leuven").start_year == 2019

    create_jubilee(page, network)

    new_page(
        page,
        f"/admin/pages/{network['cooperation'].pk}/add_subpage/",
        f"Cooperation protocol {timezone.localdate().year}",
    )
    page.locator("#id_year").fill(str(timezone.localdate().year))
    save_draft(page, f"Cooperation protocol {timezone.localdate().year}")
    assert CooperationProtocolPage.objects.get().year == timezone.localdate().year

    new_page(page, f"/admin/pages/add/listings/collectionpage/{network['home'].pk}/", "Coming up in Antwerp")
    page.locator("#id_date_window").select_option("upcoming")
    page.locator("#id_date_window").scroll_into_view_if_needed()
    shoot(page, "editor-05-collection")
    save_draft(page, "Coming up in Antwerp")
    assert CollectionPage.objects.get(title="Coming up in Antwerp").date_window == "upcoming"

    new_page(page, f"/admin/pages/add/home/standardpage/{network['home'].pk}/", "About the network")
    page.locator("#id_summary").fill("Who we are and how the network is organised.")
    save_draft(page, "About the network")
    assert StandardPage.objects.filter(title="About the network").exists()

    new_page(page, f"/admin/pages/add/forms/formpage/{network['home'].pk}/", "Membership application")
    page.get_by_role("button", name="Add form fields").click()
    page.locator("#id_form_fields-0-label").fill("Organisation name")
    page.locator("#id_form_fields-0-field_type").select_option("singleline")
    page.get_by_role("button", name="Add form fields").last.click()
    page.locator("#id_form_fields-1-label").fill("Contact e-mail")
    page.locator("#id_form_fields-1-field_type").select_option("email")
    page.locator("#id_to_address").fill("board@example.org")
    page.locator("#id_form_fields-1-label").scroll_into_view_if_needed()
    shoot(page, "editor-06-form-page")
    save_draft(page, "Membership application")
    form = FormPage.objects.get(title="Membership application")
    assert [field.label for field in form.form_fields.all()] == ["Organisation name", "Contact e-mail"]


def create_weekly_event(page, events_index):
    """Every two weeks on Tuesday and Thursday, ten times, but not the first Thursday: set with the recurrence form."""
    starts = timezone.localdate() + datetime.timedelta(days=14)
    starts += datetime.timedelta(days=(1 - starts.weekday()) % 7)  # a Tuesday
    skipped = starts + datetime.timedelta(days=2)
    new_page(page, f"/admin/pages/{events_index.pk}/add_subpage/", "Russian conversation club")
    page.locator("#id_start").fill(starts.strftime("%Y-%m-%d 19:00"))
    page.locator("#id_end").fill(starts.strftime("%Y-%m-%d 21:00"))
    page.get_by_label("Repeats", exact=True).select_option("WEEKLY")
    page.locator("[name=recurrence_interval]").fill("2")
    weekdays = page.locator("[data-recurrence-part=weekdays]")
    weekdays.get_by_label("Tuesday").check()
    weekdays.get_by_label("Thursday").check()
    page.get_by_label("After a number of times").check()
    page.get_by_label("Number of times", exact=True).fill("10")
    page.get_by_text("Repeats every 2 weeks, on Tuesday, Thursday, 10 times.").wait_for()
    page.get_by_label("New exception date").fill(skipped.isoformat())
    # Leaving the field sends its change to the summary: let that request finish before saving.
    page.get_by_label("New exception date").blur()
    summary = page.get_by_text("Repeats every 2 weeks, on Tuesday, Thursday, 10 times, except")
    summary.wait_for()
    summary.evaluate("element => element.scrollIntoView({block: 'start'})")
    shoot(page, "editor-03-event-recurrence")
    save_draft(page, "Russian conversation club")
    event = EventPage.objects.get(title="Russian conversation club")
    assert event.recurrence == "FREQ=WEEKLY;COUNT=10;INTERVAL=2;BYDAY=TU,TH"
    assert event.exception_dates == [skipped.isoformat()]
    assert skipped not in [start.date() for start in event.rule]


def create_jubilee(page, network):
    """A jubilee of the Pushkin Fund, chosen in the page chooser; the anniversary is derived."""
    celebrated = timezone.localdate() + datetime.timedelta(days=60)
    new_page(page, f"/admin/pages/{network['jubilees'].pk}/add_subpage/", "Pushkin Fund at fifty")
    page.locator("#id_date").fill(celebrated.isoformat())
    page.get_by_role("button", name="Choose a page").first.click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("link", name="Pushkin Fund").click()
    modal.wait_for(state="hidden")
    shoot(page, "editor-04-jubilee")
    save_draft(page, "Pushkin Fund at fifty")
    jubilee = JubileePage.objects.get(title="Pushkin Fund at fifty")
    assert jubilee.organisation_id == network["fund"].pk


def test_moderation_revisions_and_a_go_live_date(browser_page, network):
    about = factories.StandardPageFactory(
        parent=network["home"], title="About the network", slug="about", summary="Who we are."
    )
    about.save_revision().publish()
    page = browser_page

    # Eva changes the summary and submits the change; it is not live until a moderator approves.
    sign_in(page, "eva")
    page.goto(f"/admin/pages/{about.pk}/edit/")
    page.locator("#id_summary").fill("Who we are: 53 organisations in Belgium.")
    publish_menu(page, "Submit to Moderators approval")
    page.get_by_text("has been submitted for moderation").wait_for()
    assert Page.objects.get(pk=about.pk).specific.summary == "Who we are."
    page.goto(f"/admin/pages/{about.pk}/edit/")
    shoot(page, "editor-07-in-moderation")

    # Olga finds it on her dashboard and approves it: approved is published.
    sign_in(page, "olga")
    review = page.locator("section", has=page.get_by_role("heading", name="Awaiting your review"))
    assert review.get_by_text("About the network").first.is_visible()
    shoot(page, "editor-08-awaiting-review")
    page.goto(f"/admin/pages/{about.pk}/edit/")
    publish_menu(page, "Approve and Publish")
    page.locator(".messages").get_by_text("About the network").first.wait_for()
    assert Page.objects.get(pk=about.pk).specific.summary == "Who we are: 53 organisations in Belgium."

    # The history lists each revision; Compare shows what changed between two.
    page.goto(f"/admin/pages/{about.pk}/history/")
    page.get_by_role("table").get_by_text("Approved at").first.wait_for()
    shoot(page, "editor-09-history")
    revisions = list(about.revisions.order_by("created_at", "pk").values_list("pk", flat=True))
    first, last = revisions[0], revisions[-1]
    page.goto(f"/admin/pages/{about.pk}/revisions/compare/{first}...{last}/")
    compare = page.get_by_role("main")
    compare.get_by_text("53 organisations in Belgium", exact=False).first.wait_for()
    shoot(page, "editor-10-compare")
    # Word by word: the old words struck through, the new ones beside them.
    assert compare.locator(".deletion").count() >= 1, compare.inner_html()
    assert compare.locator(".addition").filter(has_text="Belgium").count() >= 1, compare.inner_html()

    # A change with a go-live date is published by the scheduler at that time.
    goes_live = timezone.localtime() + datetime.timedelta(days=7)
    page.goto(f"/admin/pages/{about.pk}/edit/")
    page.locator("#id_summary").fill("Who we are: 54 organisations in Belgium.")
    page.get_by_role("button", name="Toggle status").click()
    page.get_by_role("button", name="Set schedule").click()
    dialog = page.locator("#schedule-publishing-dialog")
    # Typed in without opening the date picker, which would cover the dialog's button.
    dialog.locator("[name=go_live_at]").evaluate(
        "(field, value) => { field.value = value; field.dispatchEvent(new Event('change')); }",
        goes_live.strftime("%Y-%m-%d %H:%M"),
    )
    shoot(page, "editor-11-schedule")
    page.wait_for_load_state("networkidle")
    dialog.get_by_role("button", name="Save schedule").click()
    page.get_by_text("has been updated").first.wait_for()
    publish_menu(page, "Schedule to publish")
    page.get_by_text("has been scheduled for publishing").first.wait_for()
    about.refresh_from_db()
    assert about.specific.summary == "Who we are: 53 organisations in Belgium."
    scheduled = about.revisions.order_by("-created_at", "-pk").first()
    assert scheduled.approved_go_live_at is not None


def test_submissions_registrations_and_the_translation_report(browser_page, network):
    contact = factories.FormPageFactory(parent=network["home"], title="Contact", slug="contact")
    factories.FormFieldFactory(page=contact, label="Your name", field_type="singleline", sort_order=0)
    factories.FormFieldFactory(page=contact, label="Message", field_type="multiline", sort_order=1)
    starts = timezone.localtime() + datetime.timedelta(days=20)
    concert = factories.EventPageFactory(
        parent=network["events"],
        title="Romances evening",
        slug="romances-evening",
        start=starts,
        end=starts + datetime.timedelta(hours=2),
        registration_enabled=True,
        registration_capacity=2,
        registration_waiting_list=True,
    )
    for name in ("Anna Ivanova", "Boris Petrov", "Chloé Dubois"):
        register(concert, name, name.split()[0].lower() + "@example.org")
    page = browser_page

    # A visitor sends the contact form.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/en/contact/")
    page.get_by_label("Your name").fill("Dmitri Orlov")
    page.get_by_label("Message").fill("Can our choir join the network?")
    page.get_by_role("button", name="Send").click()
    page.get_by_text("Thank you, we will answer soon.").wait_for()

    sign_in(page, "eva")
    page.goto("/admin/forms/")
    page.get_by_role("link", name="Contact").first.click()
    page.get_by_text("Can our choir join the network?").wait_for()
    shoot(page, "editor-12-submissions")
    page.get_by_role("button", name="Actions").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    csv = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Dmitri Orlov" in csv and "Can our choir join the network?" in csv

    # The event's registration settings, then the list: two places taken, one waiting.
    page.goto(f"/admin/pages/{concert.pk}/edit/")
    capacity = page.locator("#id_registration_capacity")
    assert capacity.input_value() == "2"
    capacity.scroll_into_view_if_needed()
    shoot(page, "editor-13-registration-settings")
    # Where the translations stand, from the Reports menu.
    page.get_by_role("button", name="Reports").click()
    page.get_by_role("link", name="Translation status").click()
    page.get_by_role("heading", level=1, name="Translation status").wait_for()
    assert page.get_by_text("Romances evening").first.is_visible()
    shoot(page, "editor-15-translation-report")

    # Registrations are personal data: Moderators hold the list.
    sign_in(page, "olga")
    page.goto("/admin/registrations/")
    rows = page.get_by_role("row")
    assert "waiting list" in rows.filter(has_text="Chloé Dubois").inner_text()
    assert "Confirmed" in rows.filter(has_text="Anna Ivanova").inner_text()
    shoot(page, "editor-14-registrations")
