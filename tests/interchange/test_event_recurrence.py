"""An event's recurrence rule and exception dates in the interchange format: round trip, re-import, validation."""

import datetime
import io
import json
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Page, Revision

from events.models import EventPage
from interchange.exporter import export_to
from interchange.importer import import_file
from interchange.models import ImportJob
from interchange.validation import InvalidContent, validate_lines
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

#: A weekly course with two Tuesdays off and its Dutch translation, then a one-off concert,
#: exactly as the export writes them (the rule in its canonical form, the dates in order).
EXPORTED = (
    '{"id": "russian-course", "type": "event", "locale": "en", "title": "Russian course", "venue": "Library",'
    ' "start": "2027-01-05T19:00:00+01:00", "end": "2027-01-05T21:00:00+01:00",'
    ' "recurrence": "FREQ=WEEKLY;UNTIL=20270630T215959Z;BYDAY=TU", "exception_dates": ["2027-02-16", "2027-04-13"],'
    ' "category": "course"}\n'
    '{"id": "concert", "type": "event", "locale": "en", "title": "Concert", "start": "2017-03-18T20:00:00+03:00",'
    ' "end": "2017-03-18T22:00:00+03:00", "category": "concert"}\n'
    '{"id": "russian-course", "type": "event", "locale": "nl", "title": "Cursus Russisch", "venue": "Bibliotheek"}\n'
)

COURSE = json.loads(EXPORTED.splitlines()[0])
DUTCH = json.loads(EXPORTED.splitlines()[2])


def write(tmp_path, content, name="content.jsonl"):
    path = tmp_path / name
    if not isinstance(content, str):
        content = "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in content)
    path.write_text(content, encoding="utf-8")
    return path


def exported():
    stream = io.StringIO()
    export_to(stream)
    return stream.getvalue()


def course(**fields):
    return {**COURSE, **fields}


def test_export_import_export_is_byte_identical(home_page, tmp_path):
    result = import_file(write(tmp_path, EXPORTED))
    assert result.created == 3
    assert exported() == EXPORTED
    for page in EventPage.objects.filter(external_id="russian-course"):
        # Kept alike in every translation.
        assert page.recurrence == COURSE["recurrence"]
        assert page.exception_dates == COURSE["exception_dates"]


def test_a_rule_as_people_write_it_is_kept_and_exported_in_canonical_form(home_page, tmp_path):
    """Lower case, a prefix, UNTIL as a local date, the dates in any order: the page keeps the model's own form."""
    written = course(
        recurrence="rrule:freq=weekly;byday=tu;until=20270630", exception_dates=["2027-04-13", "2027-02-16"]
    )
    import_file(write(tmp_path, [written, DUTCH]))
    assert exported() == EXPORTED.replace(EXPORTED.splitlines()[1] + "\n", "")
    # And a second import of the same file finds nothing to change.
    revisions = Revision.objects.count()
    result = import_file(write(tmp_path, [written, DUTCH], "again.jsonl"))
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert Revision.objects.count() == revisions


def test_reimport_of_an_unchanged_export_changes_nothing(home_page, tmp_path):
    import_file(write(tmp_path, EXPORTED))
    revisions = Revision.objects.count()
    result = import_file(write(tmp_path, exported(), "export.jsonl"))
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert Revision.objects.count() == revisions


@pytest.mark.parametrize(
    ("change", "rule", "dates"),
    [
        ({"recurrence": "FREQ=WEEKLY;BYDAY=TU;COUNT=20"}, "FREQ=WEEKLY;COUNT=20;BYDAY=TU", COURSE["exception_dates"]),
        ({"exception_dates": ["2027-02-16"]}, COURSE["recurrence"], ["2027-02-16"]),
        ({"recurrence": None, "exception_dates": None}, "", []),  # back to a one-off event
    ],
)
def test_a_changed_rule_or_exception_is_a_change_in_every_translation(home_page, tmp_path, change, rule, dates):
    import_file(write(tmp_path, EXPORTED))
    changed = {name: value for name, value in course(**change).items() if value is not None}
    result = import_file(write(tmp_path, [changed, DUTCH], "changed.jsonl"))
    # The Dutch line says nothing new, but its page takes the source's new dates.
    assert (result.updated, result.unchanged) == (2, 0)
    pages = EventPage.objects.filter(external_id="russian-course")
    assert {page.locale.language_code: (page.recurrence, page.exception_dates) for page in pages} == {
        "en": (rule, dates),
        "nl": (rule, dates),
    }
    for page in pages:
        assert page.last_occurrence_end == page.compute_last_occurrence_end()
    expected = {**changed, "recurrence": rule, "exception_dates": dates}
    assert json.loads(exported().splitlines()[0]) == {name: value for name, value in expected.items() if value}


def test_a_file_without_the_fields_still_imports_as_one_off_events(home_page, tmp_path):
    concert = json.loads(EXPORTED.splitlines()[1])
    result = import_file(write(tmp_path, [concert]))
    assert result.created == 1
    page = EventPage.objects.get(external_id="concert")
    assert (page.recurrence, page.exception_dates) == ("", [])
    assert page.last_occurrence_end == page.end
    assert json.loads(exported()) == concert


def test_imported_events_know_their_last_date(home_page, tmp_path):
    """Listings tell upcoming from past by it: an import writes it as a save would."""
    import_file(write(tmp_path, EXPORTED))
    for page in EventPage.objects.all():
        assert page.last_occurrence_end == page.compute_last_occurrence_end()
        assert page.last_occurrence_end is not None
    past = EventPage.objects.past()
    assert {page.external_id for page in past} == {"concert"}


def problems(*items):
    return validate_lines([json.dumps(item) for item in items]).messages


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"recurrence": "FREQ=HOURLY"},
            "line 1: recurrence: 'FREQ=HOURLY' is not a valid recurrence rule (RFC 5545 RRULE)"
            " (FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY.)",
        ),
        ({"recurrence": "every Tuesday"}, "line 1: recurrence: 'every Tuesday' is not a valid recurrence rule"),
        (
            {"recurrence": "FREQ=WEEKLY;COUNT=3;UNTIL=20270630"},
            "line 1: recurrence: 'FREQ=WEEKLY;COUNT=3;UNTIL=20270630' is not a valid recurrence rule (RFC 5545 RRULE)"
            " (Give either COUNT (how many times) or UNTIL",
        ),
        ({"recurrence": "FREQ=WEEKLY;INTERVAL=0"}, "line 1: recurrence: 'FREQ=WEEKLY;INTERVAL=0' is not a valid"),
        ({"recurrence": {"FREQ": "WEEKLY"}}, "line 1: recurrence: must be a string"),
        ({"recurrence": "FREQ=WEEKLY\nBYDAY=TU"}, "line 1: recurrence: "),
        ({"recurrence": "FREQ=WEEKLY;BYDAY=WE", "exception_dates": None}, "line 1: recurrence: The start ("),
        ({"exception_dates": "2027-02-16"}, "line 1: exception_dates: must be a list of dates (YYYY-MM-DD)"),
        ({"exception_dates": ["2027-02-30"]}, "line 1: exception_dates: item '2027-02-30' is not a date (YYYY-MM-DD)"),
        ({"exception_dates": ["16/02/2027"]}, "line 1: exception_dates: item '16/02/2027' is not a date (YYYY-MM-DD)"),
        ({"exception_dates": [20270216]}, "line 1: exception_dates: item 20270216 is not a date (YYYY-MM-DD)"),
        ({"exception_dates": ["2027-02-16", "2027-02-16"]}, "line 1: exception_dates: lists 2027-02-16 twice"),
        ({"exception_dates": ["2027-02-17"]}, "line 1: exception_dates: Not a date of this event: "),
        ({"exception_dates": ["2027-01-05"]}, "line 1: exception_dates: The first date cannot be an exception"),
        (
            {"recurrence": None},
            "line 1: exception_dates: needs recurrence: give it on the same line, or leave exception_dates out",
        ),
        ({"recurrence": ""}, "line 1: exception_dates: needs recurrence"),
    ],
)
def test_bad_values_are_line_numbered_problems(home_page, fields, expected):
    item = {name: value for name, value in course(**fields).items() if value is not None}
    found = problems(item)
    assert len(found) == 1
    assert found[0].startswith(expected)


def test_every_exception_date_that_is_not_a_date_of_the_rule_is_named(home_page):
    # 17 February is a Wednesday; 6 July a Tuesday after the rule's last date.
    dates = ["2027-02-16", "2027-02-17", "2027-04-13", "2027-07-06"]
    (found,) = problems(course(exception_dates=dates))
    assert found == "line 1: exception_dates: Not a date of this event: Feb. 17, 2027, July 6, 2027."


def test_a_weekly_rule_may_have_a_thousand_exceptions(home_page):
    from interchange.checks import DATES_MAX

    weekly = course(recurrence="FREQ=WEEKLY;BYDAY=TU", exception_dates=[])
    weekly["exception_dates"] = [
        (datetime.date(2027, 1, 12) + datetime.timedelta(weeks=week)).isoformat() for week in range(DATES_MAX)
    ]
    assert problems(weekly) == []


def test_too_many_exception_dates_are_refused(home_page):
    from interchange.checks import DATES_MAX

    (found,) = problems(course(exception_dates=[f"{year:04d}-01-01" for year in range(1, DATES_MAX + 2)]))
    assert found == f"line 1: exception_dates: has {DATES_MAX + 1} dates; at most {DATES_MAX} allowed"


def test_a_translation_may_repeat_the_values_but_not_change_them(home_page):
    same = {**DUTCH, "recurrence": COURSE["recurrence"], "exception_dates": COURSE["exception_dates"]}
    assert problems(COURSE, same) == []
    other_rule = {**DUTCH, "recurrence": "FREQ=WEEKLY;BYDAY=TU;COUNT=20"}
    other_dates = {**DUTCH, "locale": "fr", "exception_dates": ["2027-02-16"]}
    assert problems(COURSE, other_rule, other_dates) == [
        "line 2: recurrence: is not translatable and differs from the source (line 1)",
        "line 3: exception_dates: is not translatable and differs from the source (line 1)",
    ]


def test_a_bad_file_writes_nothing(home_page, tmp_path):
    pages = Page.objects.count()
    bad = course(id="other-course", exception_dates=["2027-02-16", "2027-02-16"])
    with pytest.raises(InvalidContent) as refused:
        import_file(write(tmp_path, [*map(json.loads, EXPORTED.splitlines()), bad]))
    assert refused.value.report.messages == ["line 4: exception_dates: lists 2027-02-16 twice"]
    assert Page.objects.count() == pages


def test_the_admin_upload_of_a_bad_rule_shows_the_problem_and_imports_nothing(client, home_page):
    client.force_login(UserFactory(group="Moderators"))
    content = json.dumps(course(recurrence="FREQ=SECONDLY")).encode() + b"\n"
    upload = SimpleUploadedFile("content.jsonl", content, content_type="application/octet-stream")
    response = client.post(reverse("interchange_import"), {"file": upload})
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    # The upload is checked in the background (docs/jobs.md): its job's page shows the problems.
    assert response.status_code == HTTPStatus.FOUND
    page = client.get(response.url).content.decode()
    assert "line 1: recurrence: &#x27;FREQ=SECONDLY&#x27; is not a valid recurrence rule" in page
    assert "Confirm the import" not in page
    assert not EventPage.objects.exists()
