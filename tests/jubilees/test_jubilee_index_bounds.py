"""The jubilee index shows the soonest coming jubilees and one page of past ones, however many there are."""

import datetime
import re

import pytest
from django.utils import timezone

from jubilees.models import JubileeIndexPage, JubileePage
from tests.helpers.scale import add_pages

pytestmark = pytest.mark.django_db


def test_the_soonest_coming_jubilees_and_one_page_of_past_ones(client, sections):
    today = timezone.localdate()
    add_pages(
        sections["jubilees"],
        JubileePage,
        100,
        lambda n: {"title": f"Jubilee {n:03d}", "date": today + datetime.timedelta(days=n - 40), "anniversary": 25},
    )

    html = client.get(sections["jubilees"].url).content.decode()

    coming, past = html.split('id="past"')
    assert len(set(re.findall(r"Jubilee \d{3}", coming))) == JubileeIndexPage.UPCOMING_SHOWN
    assert "Jubilee 040" in coming  # today's
    assert f"Jubilee {40 + JubileeIndexPage.UPCOMING_SHOWN:03d}" not in coming
    assert len(set(re.findall(r"Jubilee \d{3}", past))) == JubileeIndexPage.PER_PAGE
    assert "Jubilee 039" in past
