"""An editor logs in, creates an event in the page editor, publishes it and finds it on the calendar."""

import datetime

import pytest
from django.utils import timezone

from events.models import EventPage
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct horse battery staple"  # UserFactory's


@pytest.fixture
def events_index(home_page):
    return factories.EventIndexPageFactory(parent=home_page, show_in_menus=True)


def test_an_editor_publishes_an_event_that_visitors_then_find(browser_page, moderator, events_index):
    page = browser_page
    starts = timezone.localtime() + datetime.timedelta(days=30)

    page.goto("/admin/login/")
    page.get_by_label("Username").fill("olga")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", level=1).wait_for()

    # Only events may be added to the calendar, so the editor opens at once.
    page.goto(f"/admin/pages/{events_index.pk}/add_subpage/")
    page.locator("#id_title").fill("Pushkin poetry evening")
    page.locator("#id_start").fill(starts.strftime("%Y-%m-%d 19:00"))
    page.locator("#id_end").fill(starts.strftime("%Y-%m-%d 21:00"))
    page.locator("#id_summary").fill("Poems read in Russian and in French.")
    page.locator("#id_city").fill("Brussels")

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("created and published").wait_for()

    event = EventPage.objects.get(title="Pushkin poetry evening")
    assert event.live
    assert timezone.localtime(event.start).strftime("%H:%M") == "19:00"

    page.goto("/en/events/")
    page.get_by_role("main").get_by_role("link", name="Pushkin poetry evening").click()
    page.get_by_role("heading", level=1, name="Pushkin poetry evening").wait_for()
    assert page.url.endswith("/en/events/pushkin-poetry-evening/")
