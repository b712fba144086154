"""Recurring events: rule validation, expansion across daylight saving, listings."""

import datetime
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError

from events.recurrence import normalize_recurrence, validate_recurrence
from tests.helpers import BRUSSELS, brussels

pytestmark = pytest.mark.django_db


def test_a_weekly_evening_course_stays_at_19_local_across_the_change_to_summer_time(make_event):
    # Summer time begins in Brussels on Sunday 28 March 2027.
    course = make_event(title="Russian for children", start=brussels(2027, 3, 16, 19), recurrence="FREQ=WEEKLY;COUNT=5")

    occurrences = course.occurrences_between(brussels(2027, 3, 1), brussels(2027, 5, 1))

    assert [occurrence.start.date() for occurrence in occurrences] == [
        datetime.date(2027, 3, 16),
        datetime.date(2027, 3, 23),
        datetime.date(2027, 3, 30),
        datetime.date(2027, 4, 6),
        datetime.date(2027, 4, 13),
    ]
    assert {occurrence.start.astimezone(BRUSSELS).time() for occurrence in occurrences} == {datetime.time(19)}
    assert [occurrence.start.utcoffset() for occurrence in occurrences[1:3]] == [
        datetime.timedelta(hours=1),
        datetime.timedelta(hours=2),
    ]
    # In UTC the course moves by an hour, as it should.
    assert occurrences[1].start.astimezone(datetime.UTC).hour == 18
    assert occurrences[2].start.astimezone(datetime.UTC).hour == 17
    assert all(occurrence.end - occurrence.start == datetime.timedelta(hours=2) for occurrence in occurrences)


def test_last_occurrence_end_is_kept_for_finite_rules_and_empty_for_endless_ones(make_event):
    finite = make_event(start=brussels(2027, 3, 16, 19), hours=2, recurrence="FREQ=WEEKLY;COUNT=3")
    endless = make_event(start=brussels(2027, 3, 16, 19), recurrence="FREQ=YEARLY")
    single = make_event(start=brussels(2027, 3, 16, 19))

    assert finite.last_occurrence_end == brussels(2027, 3, 30, 21)
    assert endless.last_occurrence_end is None
    assert single.last_occurrence_end == single.end


def test_until_as_a_date_means_the_end_of_that_day_where_the_event_takes_place(make_event):
    course = make_event(start=brussels(2027, 3, 16, 19), recurrence="freq=weekly;until=20270330")
    course.full_clean()

    assert course.recurrence == "FREQ=WEEKLY;UNTIL=20270330T215959Z"
    assert course.last_occurrence_end == brussels(2027, 3, 30, 21)


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("WEEKLY", "NAME=VALUE"),
        ("FREQ=FORTNIGHTLY", "Expected frequency"),
        ("FREQ=HOURLY", "FREQ must be"),
        ("FREQ=WEEKLY;COUNT=3;UNTIL=20270601", "not both"),
        ("FREQ=WEEKLY;BYDAY=XX", "cannot be read"),
        ("FREQ=WEEKLY;UNTIL=soon", "cannot be read"),
        ("FREQ=WEEKLY;BYSETPOS=0", "cannot be used"),
        ("FREQ=WEEKLY;COLOUR=RED", "cannot be used"),
        ("FREQ=WEEKLY;INTERVAL=0", "INTERVAL must be 1 or more"),
        ("FREQ=DAILY;INTERVAL=-2", "INTERVAL must be 1 or more"),
    ],
)
def test_invalid_rules_are_refused_with_a_clear_message(rule, message):
    with pytest.raises(ValidationError) as error:
        validate_recurrence(rule)
    assert message in " ".join(error.value.messages)


def test_the_start_must_be_an_occurrence_of_its_rule(make_event):
    # 16 March 2027 is a Tuesday.
    event = make_event(start=brussels(2027, 3, 16, 19))
    event.recurrence = "FREQ=WEEKLY;BYDAY=WE"

    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "must be one of the occurrences" in error.value.message_dict["recurrence"][0]


def test_rrule_prefix_and_lower_case_are_accepted():
    assert normalize_recurrence("rrule:freq=weekly;byday=tu,th", BRUSSELS) == "FREQ=WEEKLY;BYDAY=TU,TH"


def test_the_month_view_shows_every_occurrence(client, make_event):
    make_event(title="Course", start=brussels(2027, 3, 2, 19), recurrence="FREQ=WEEKLY;BYDAY=TU;UNTIL=20270331")
    make_event(title="Festival", start=brussels(2026, 7, 10, 12), hours=8, recurrence="FREQ=YEARLY")

    march = client.get("/en/events/month/", {"month": "2027-03"})
    july = client.get("/en/events/month/", {"month": "2027-07"})

    assert march.status_code == HTTPStatus.OK
    assert [day.day for day, _occurrences in march.context["days"]] == [2, 9, 16, 23, 30]
    assert [day for day, _occurrences in july.context["days"]] == [datetime.date(2027, 7, 10)]
    # The yearly festival has no date in March: the month filter drops it from lists too.
    assert [event.title for event in client.get("/en/events/", {"month": "2027-03"}).context["events"]] == ["Course"]


def test_the_rule_is_described_in_words(make_event):
    course = make_event(start=brussels(2027, 3, 16, 19), recurrence="FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270630")
    festival = make_event(start=brussels(2027, 7, 10, 12), recurrence="FREQ=YEARLY;COUNT=3")

    assert course.recurrence_description == "every 2 weeks, on Tuesday, until June 30, 2027"
    assert festival.recurrence_description == "every year, 3 times"
