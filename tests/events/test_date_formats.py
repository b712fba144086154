"""Dates of the calendar as each of the site's languages writes them."""

import datetime
import re
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings

from localisation.translation import translate_page
from tests import factories
from tests.helpers import brussels

pytestmark = pytest.mark.django_db

HEADINGS = {
    "en": ("/en/events/", "Tuesday, December 1", "December 2026"),
    "nl": ("/nl/agenda/", "dinsdag 1 december", "December 2026"),
    "fr": ("/fr/agenda/", "mardi 1 décembre", "Décembre 2026"),
    "ru": ("/ru/agenda/", "вторник, 1 декабря", "Декабрь 2026 г."),
}


@pytest.fixture
def calendars(home_page, calendar):
    event = factories.EventPageFactory(
        parent=calendar, title="Concert", slug="concert", start=brussels(2026, 12, 1, 19)
    )
    for language in ("nl", "fr", "ru"):
        translate_page(home_page, language, {"title": f"Home {language}"})
        translate_page(calendar, language, {"title": "Agenda", "slug": "agenda"})
        translate_page(event, language, {"title": f"Concert {language}", "slug": "concert"})
    return event


@pytest.mark.parametrize("language", HEADINGS)
def test_month_view_day_and_month_headings(client, calendars, language):
    url, day_heading, month_heading = HEADINGS[language]

    response = client.get(f"{url}month/", {"month": "2026-12"})

    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    assert f">{day_heading}</time>" in content
    assert f">{month_heading}</h2>" in content


@pytest.mark.parametrize(
    ("language", "date"),
    [("en", "Dec. 1, 2026"), ("nl", "1 december 2026"), ("fr", "1 décembre 2026"), ("ru", "1 декабря 2026 г.")],
)
def test_lists_and_event_pages_use_the_languages_date_format(client, calendars, language, date):
    url = HEADINGS[language][0]

    listing = client.get(url, {"month": "2026-12"}).content.decode()
    page = client.get(f"{url}concert/").content.decode()

    assert date in listing
    assert date in page


def test_no_css_rule_capitalises_dates():
    css = Path(settings.BASE_DIR, "static", "css", "site.css").read_text()
    for selector in (".month-nav h2", ".month-days > li > h3"):
        rule = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", css)
        assert rule and "capitalize" not in rule.group(1), selector


def test_the_day_heading_filter_falls_back_to_the_languages_month_day_format():
    from django.utils import translation

    from events.templatetags.event_dates import day_heading

    with translation.override("de"):
        assert day_heading(datetime.date(2026, 12, 1)) == "Dienstag 1. Dezember"
