"""The calendar's views answer every query string with a page, a 400 or a 404, never a 500."""

import datetime
from http import HTTPStatus

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import brussels

pytestmark = pytest.mark.django_db

VIEWS = ["", "upcoming/", "past/", "month/", "ical/", "feed/rss/", "feed/atom/"]
FEEDS = ["ical/", "feed/rss/", "feed/atom/"]
HTML_LISTS = ["", "upcoming/", "past/"]

EDGE_MONTHS = [
    "0000-00",
    "2024-13",
    "2024-00",
    "99999-01",
    "-2024-01",
    "2024-1",
    "9" * 5000,
    "２０２４-０１",  # noqa: RUF001  full-width digits are the input under test
    "٢٠٢٤-٠١",  # noqa: RUF001  Arabic-Indic digits are the input under test
    "2024-01\x00",
    "\x00",
]


@pytest.fixture
def calendar_with_events(calendar, make_event):
    make_event(title="Concert", start=brussels(2027, 3, 10, 19), category="concert")
    make_event(title="Weekly course", start=brussels(2019, 5, 24, 19), recurrence="FREQ=WEEKLY")
    return calendar


@pytest.mark.parametrize("view", VIEWS)
def test_malformed_months_are_refused_clearly(client, calendar_with_events, view):
    client.raise_request_exception = False
    for month in EDGE_MONTHS:
        response = client.get(f"/en/events/{view}", {"month": month})

        assert response.status_code == HTTPStatus.BAD_REQUEST, (view, month[:20])
        message = "Null characters are not allowed" if "\x00" in month else "YYYY-MM"
        if view in FEEDS:
            assert response["Content-Type"].startswith("text/plain")
        assert message in response.content.decode()


@pytest.mark.parametrize("view", [v for v in VIEWS if v != "month/"])
def test_a_well_formed_month_outside_the_calendars_years_is_a_400(client, calendar_with_events, view):
    client.raise_request_exception = False
    # Events from 2019 to 2027 (and a weekly one forever): the calendar covers 2018 to 2028 at least.
    for month in ("9999-12", "0001-01", "1850-06", "9998-12", "0002-01"):
        response = client.get(f"/en/events/{view}", {"month": month})

        assert response.status_code == HTTPStatus.BAD_REQUEST, (view, month)
        assert "January 2018" in response.content.decode()


def test_the_month_view_answers_404_outside_the_calendars_years(client, calendar_with_events):
    assert client.get("/en/events/month/", {"month": "2018-01"}).status_code == HTTPStatus.OK
    assert client.get("/en/events/month/", {"month": "2017-12"}).status_code == HTTPStatus.NOT_FOUND
    for month in ("9998-12", "9999-12", "0001-01"):
        assert client.get("/en/events/month/", {"month": month}).status_code == HTTPStatus.NOT_FOUND


def test_month_links_stop_at_the_years_holding_events_plus_one(client, make_event):
    this_year = timezone.localdate().year
    make_event(title="Old", start=brussels(this_year - 3, 6, 1, 19))
    make_event(title="Coming", start=brussels(this_year + 2, 6, 1, 19))

    first = client.get("/en/events/month/", {"month": f"{this_year - 4}-01"})
    last = client.get("/en/events/month/", {"month": f"{this_year + 3}-12"})

    assert first.status_code == last.status_code == HTTPStatus.OK
    assert first.context["previous_month"] is None
    assert first.context["next_month"] == f"{this_year - 4}-02"
    assert "Previous month" not in first.content.decode()
    assert last.context["next_month"] is None
    assert last.context["previous_month"] == f"{this_year + 3}-11"
    assert 'rel="next nofollow"' not in last.content.decode()
    assert 'rel="prev nofollow"' in last.content.decode()
    assert '<meta name="robots" content="noindex, follow">' in last.content.decode()
    assert client.get("/en/events/month/", {"month": f"{this_year + 4}-01"}).status_code == HTTPStatus.NOT_FOUND


def test_a_crawler_following_next_links_stops(client, calendar):
    """From the current month, "next" ends within two years on an empty calendar."""
    month = timezone.localdate().strftime("%Y-%m")
    for _step in range(40):
        response = client.get("/en/events/month/", {"month": month})
        assert response.status_code == HTTPStatus.OK
        month = response.context["next_month"]
        if month is None:
            break
    assert month is None


BAD_VALUES = [
    {"category": "\x00"},
    {"organiser": "99999999999999999999999"},
    {"organiser": "-1"},
    {"organiser": "1" * 5000},
    {"city": "\x00" * 3},
    {"page": "99999999999999999999"},
    {"page": "-1"},
    {"page": "1e309"},
    {"page": "NaN"},
    {"page": "9" * 5000},
]


@pytest.mark.parametrize("view", VIEWS)
def test_other_bad_filter_values_are_ignored(client, calendar_with_events, view):
    client.raise_request_exception = False
    for query in BAD_VALUES:
        response = client.get(f"/en/events/{view}", query)

        assert response.status_code == HTTPStatus.OK, (view, query)


@pytest.mark.parametrize("view", VIEWS)
def test_invalid_utf8_in_the_query_string(client, calendar_with_events, view):
    client.raise_request_exception = False
    for query in ("city=Brussels%ED%A0%80", "month=2027-03%FF", "%FF=1", "organiser=%C0%80"):
        assert client.get(f"/en/events/{view}?{query}").status_code < 500, (view, query)


NAMES = ["category", "organiser", "city", "month", "page", "unknown"]
VALUES = st.one_of(
    st.sampled_from(
        EDGE_MONTHS
        + ["9999-12", "0001-01", "1850-06", "2027-03", "concert", "Brussels", "1", "0", "-1", "1e9", "NaN", ""]
    ),
    st.dates().map(lambda date: f"{date.year:04d}-{date.month:02d}"),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.text(max_size=20),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F), max_size=4),
)


@pytest.mark.parametrize("view", VIEWS)
def test_no_query_string_makes_a_calendar_view_fail(calendar_with_events, view):
    client = Client(raise_request_exception=False)

    @settings(
        max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(st.lists(st.tuples(st.sampled_from(NAMES), VALUES), max_size=4))
    def check(pairs):
        query = {}
        for name, value in pairs:
            query.setdefault(name, []).append(value)
        response = client.get(f"/en/events/{view}", query)
        assert response.status_code < 500, (view, query)
        if response.status_code == HTTPStatus.BAD_REQUEST and view in FEEDS:
            assert response["Content-Type"].startswith("text/plain")

    check()


def test_an_event_at_the_limits_of_the_calendar_does_not_break_the_views(client, make_event):
    make_event(title="Far", start=datetime.datetime(9998, 12, 30, 12, tzinfo=datetime.UTC), hours=2)
    make_event(title="Early", start=datetime.datetime(2, 1, 2, 12, tzinfo=datetime.UTC), hours=2)
    client.raise_request_exception = False

    for view in VIEWS:
        for month in ("", "9998-12", "0002-01"):
            response = client.get(f"/en/events/{view}", {"month": month} if month else {})
            assert response.status_code < 500, (view, month)
