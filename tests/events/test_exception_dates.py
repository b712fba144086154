"""Exception dates (EXDATE): the days a repeating event does not take place, left out everywhere."""

import datetime
from http import HTTPStatus

import pytest
from dateutil.rrule import rruleset, rrulestr
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import translation
from icalendar import Calendar

from events.exception_dates import ExceptionDatesFormField, ExceptionDatesWidget
from events.recurrence_preview import next_dates_in_words
from tests.helpers import brussels

pytestmark = pytest.mark.django_db

TUESDAY = brussels(2027, 1, 5, 19)  # A Tuesday.


def dates(occurrences):
    return [occurrence.start.date() for occurrence in occurrences]


def test_the_dates_of_a_weekly_course_leave_out_its_exception_dates(make_event):
    course = make_event(start=TUESDAY, recurrence="FREQ=WEEKLY;COUNT=5", exception_dates=["2027-01-12", "2027-01-26"])

    assert dates(course.occurrences_between(brussels(2027, 1, 1), brussels(2027, 3, 1))) == [
        datetime.date(2027, 1, 5),
        datetime.date(2027, 1, 19),
        datetime.date(2027, 2, 2),
    ]
    # After the 5th, the next date is the 19th; the 12th is skipped.
    assert course.next_occurrence(brussels(2027, 1, 6)).start == brussels(2027, 1, 19, 19)
    assert course.last_occurrence_end == brussels(2027, 2, 2, 21)


def test_the_rule_in_words_names_the_exception_dates(make_event):
    course = make_event(start=TUESDAY, recurrence="FREQ=WEEKLY", exception_dates=["2027-01-12"])

    with translation.override("en"):
        assert course.recurrence_description == "every week, except Jan. 12, 2027"


def test_clean_sorts_the_dates_and_drops_them_when_the_event_does_not_repeat(make_event):
    course = make_event(start=TUESDAY, recurrence="FREQ=WEEKLY")
    course.exception_dates = ["2027-01-26", "2027-01-12", "2027-01-26"]
    course.full_clean()
    assert course.exception_dates == ["2027-01-12", "2027-01-26"]

    course.recurrence = ""
    course.full_clean()
    assert course.exception_dates == []


@pytest.mark.parametrize(
    ("exception_date", "message"),
    [
        ("2027-01-13", "Not a date of this event: Jan. 13, 2027."),
        ("2027-01-05", "The first date cannot be an exception"),
        ("5 January", "is not a date (YYYY-MM-DD)"),
    ],
)
def test_an_exception_date_must_be_one_of_the_events_later_dates(make_event, exception_date, message):
    course = make_event(start=TUESDAY, recurrence="FREQ=WEEKLY")
    course.exception_dates = [exception_date]

    with pytest.raises(ValidationError) as raised, translation.override("en"):
        course.full_clean()

    assert message in " ".join(raised.value.message_dict["exception_dates"])


def test_the_next_dates_in_words_are_in_the_pages_language_without_the_exceptions(make_event):
    course = make_event(start=TUESDAY, recurrence="FREQ=WEEKLY", exception_dates=["2027-01-12"])

    words = next_dates_in_words(course, "ru", count=3, moment=brussels(2027, 1, 1))

    assert words == [
        "вторник, 5 января 2027 г., 19:00",
        "вторник, 19 января 2027 г., 19:00",
        "вторник, 26 января 2027 г., 19:00",
    ]
    assert next_dates_in_words(course, "fr", count=1, moment=brussels(2027, 1, 6)) == ["mardi 19 janvier 2027, 19:00"]


def test_the_widget_reads_every_posted_date_and_ignores_empty_inputs():
    data = QueryDict(mutable=True)
    data.setlist("exception_dates", ["2027-01-26", "", "2027-01-12"])
    value = ExceptionDatesWidget().value_from_datadict(data, {}, "exception_dates")

    assert ExceptionDatesFormField().clean(value) == ["2027-01-12", "2027-01-26"]
    assert ExceptionDatesWidget().value_from_datadict(QueryDict("exception_dates="), {}, "exception_dates") == []


def test_the_widget_renders_an_input_per_date_and_an_empty_one():
    html = ExceptionDatesWidget().render("exception_dates", ["2027-01-12"], {"id": "id_exception_dates"})

    assert html.count('type="date"') == 2
    assert 'value="2027-01-12"' in html


@pytest.fixture
def preview(admin_client):
    def ask(**query):
        data = QueryDict(mutable=True)
        for name, value in query.items():
            data.setlist(name, value if isinstance(value, list) else [value])
        return admin_client.get("/admin/events/recurrence-preview/?" + data.urlencode())

    return ask


def test_the_admin_preview_gives_the_rule_and_next_dates_in_the_pages_language(preview):
    response = preview(
        recurrence_frequency="WEEKLY",
        recurrence_interval="1",
        recurrence_ends="count",
        recurrence_count="4",
        start="2027-01-05 19:00",
        end="2027-01-05 21:00",
        time_zone="Europe/Brussels",
        exception_dates=["2027-01-12", ""],
        language="nl",
    )

    assert response.status_code == HTTPStatus.OK
    data = response.json()
    assert data["rule"] == "FREQ=WEEKLY;COUNT=4"
    assert data["summary"] == "Repeats every week, 4 times, except Jan. 12, 2027."
    assert data["dates"] == [
        "dinsdag 5 januari 2027, 19:00",
        "dinsdag 19 januari 2027, 19:00",
        "dinsdag 26 januari 2027, 19:00",
    ]


@pytest.mark.parametrize(
    "query",
    [
        {"recurrence_frequency": "WEEKLY", "recurrence_interval": "zero"},
        {"recurrence_frequency": "WEEKLY", "start": "tomorrow"},
        {"recurrence_frequency": "WEEKLY", "time_zone": "Mars/Olympus"},
        {"recurrence_frequency": "WEEKLY", "exception_dates": "12/01/2027"},
        {"recurrence_frequency": "WEEKLY", "language": "xx"},
    ],
)
def test_the_admin_preview_answers_unreadable_input_with_a_400_and_the_reason(preview, query):
    response = preview(**query)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["error"]


def test_the_admin_preview_is_for_signed_in_staff_only(client):
    response = client.get("/admin/events/recurrence-preview/", {"recurrence_frequency": "WEEKLY"})

    assert response.status_code == HTTPStatus.FOUND


def test_the_api_gives_the_exception_dates(client, make_event):
    course = make_event(start=TUESDAY, recurrence="FREQ=WEEKLY", exception_dates=["2027-01-12"])

    data = client.get(f"/api/v2/pages/{course.pk}/").json()

    assert data["exception_dates"] == ["2027-01-12"]


def test_the_ics_names_the_exception_dates_and_calendar_apps_leave_them_out(client, make_event):
    course = make_event(start=TUESDAY, recurrence="FREQ=WEEKLY;COUNT=4", exception_dates=["2027-01-12"])

    [vevent] = Calendar.from_ical(client.get(f"{course.get_url()}ical/").content).walk("VEVENT")

    excluded = [value.dt for value in vevent["EXDATE"].dts]
    assert excluded == [brussels(2027, 1, 12, 19)]
    # What a calendar app computes from the export matches the site's own dates.
    dates = rruleset()
    dates.rrule(rrulestr(vevent["RRULE"].to_ical().decode(), dtstart=vevent.decoded("DTSTART")))
    for start in excluded:
        dates.exdate(start)
    assert list(dates) == [occurrence.start for occurrence in course.occurrences_between(TUESDAY, brussels(2027, 3, 1))]
