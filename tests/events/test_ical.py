"""iCalendar export: one event, the whole calendar, filters, privacy, RRULE."""

import datetime
from http import HTTPStatus

import icalendar
import pytest
from dateutil.rrule import rrulestr

from tests.helpers import brussels, restrict_to_logged_in_users

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_event_ics_has_a_stable_uid_local_time_with_tzid_and_the_place(client, make_event):
    event = make_event(
        title="Pushkin evening", start=brussels(2027, 3, 10, 19), venue="Town hall", city="Uccle", country="BE"
    )

    response = client.get(f"{event.get_url()}ical/")
    calendar = parse(response)

    assert "attachment" in response["Content-Disposition"]
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == f"{event.translation_key}-en@localhost"
    assert str(vevent["SUMMARY"]) == "Pushkin evening"
    assert vevent["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert vevent.decoded("DTSTART") == brussels(2027, 3, 10, 19)
    assert vevent.decoded("DTEND") == brussels(2027, 3, 10, 21)
    assert str(vevent["LOCATION"]) == "Town hall, Uccle, Belgium"
    assert str(vevent["URL"]).endswith(event.get_url())
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Brussels"]
    # Exporting again gives the same UID: calendar apps update instead of duplicating.
    assert parse(client.get(f"{event.get_url()}ical/")).walk("VEVENT")[0]["UID"] == vevent["UID"]


def test_recurring_event_exports_its_rule_and_calendar_apps_get_the_same_dates(client, make_event):
    event = make_event(start=brussels(2027, 3, 16, 19), recurrence="FREQ=WEEKLY;UNTIL=20270406")

    [vevent] = parse(client.get(f"{event.get_url()}ical/")).walk("VEVENT")

    assert vevent["RRULE"]["FREQ"] == ["WEEKLY"]
    assert vevent["RRULE"]["UNTIL"] == [datetime.datetime(2027, 4, 6, 21, 59, 59, tzinfo=datetime.UTC)]
    # What a calendar app computes from the export matches the site's own dates.
    starts = list(rrulestr(vevent["RRULE"].to_ical().decode(), dtstart=vevent.decoded("DTSTART")))
    site_starts = [o.start for o in event.occurrences_between(brussels(2027, 3, 1), brussels(2027, 5, 1))]
    assert starts == site_starts
    assert starts[-1] == brussels(2027, 4, 6, 19)


def test_a_fixed_offset_is_exported_in_utc(client, make_event):
    event = make_event(start=brussels(2027, 3, 10, 17), time_zone="+03:00")

    [vevent] = parse(client.get(f"{event.get_url()}ical/")).walk("VEVENT")

    assert vevent.decoded("DTSTART") == datetime.datetime(2027, 3, 10, 16, tzinfo=datetime.UTC)
    assert "TZID" not in vevent["DTSTART"].params


def test_calendar_feed_honours_filters_and_never_shows_hidden_events(client, make_event, other_site_calendar):
    make_event(title="Concert", category="concert", start=brussels(2027, 3, 3, 19))
    make_event(title="Lecture", category="lecture", start=brussels(2027, 3, 4, 19))
    make_event(title="Draft concert", category="concert", live=False)
    restrict_to_logged_in_users(make_event(title="Members only concert", category="concert"))
    make_event(title="Concert elsewhere", category="concert", parent=other_site_calendar)

    everything = parse(client.get("/en/events/ical/"))
    concerts = parse(client.get("/en/events/ical/", {"category": "concert", "organiser": "bogus"}))

    assert sorted(str(v["SUMMARY"]) for v in everything.walk("VEVENT")) == ["Concert", "Lecture"]
    assert [str(v["SUMMARY"]) for v in concerts.walk("VEVENT")] == ["Concert"]
    assert str(everything["X-WR-CALNAME"]) == "Events"


def test_private_event_ics_is_not_served_to_visitors(client, make_event):
    event = restrict_to_logged_in_users(make_event(start=brussels(2027, 3, 10, 19)))

    response = client.get(f"{event.get_url()}ical/")

    assert response.status_code == HTTPStatus.FOUND
    assert "login" in response["Location"]


def test_empty_calendar_is_still_valid(client, calendar):
    calendar_file = parse(client.get("/en/events/ical/"))
    assert calendar_file.walk("VEVENT") == []
