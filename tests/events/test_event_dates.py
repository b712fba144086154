"""An event's dates read as a row give the occurrences its page gives, without making a page."""

import datetime

import pytest
from django.utils import timezone

from events.models import EventPage
from events.occurrences import OCCURRENCE_FIELDS, EventDates, shown_starts
from tests.helpers import BRUSSELS

pytestmark = pytest.mark.django_db


def at_seven_pm(days_from_today):
    day = timezone.localdate() + datetime.timedelta(days=days_from_today)
    return datetime.datetime.combine(day, datetime.time(19), tzinfo=BRUSSELS)


def test_a_row_shows_what_the_page_shows(make_event):
    course = make_event(
        title="Course", start=at_seven_pm(-7 * 30), recurrence="FREQ=WEEKLY;COUNT=40", exception_dates=[]
    )
    course.refresh_from_db()
    row = EventPage.objects.filter(pk=course.pk).values_list("pk", *OCCURRENCE_FIELDS, "last_occurrence_end").get()
    dates = EventDates(*row)

    now = timezone.now()
    assert dates.occurrence_to_show(now).start == course.occurrence_to_show(now).start
    assert dates.compute_last_occurrence_end() == course.compute_last_occurrence_end()


def test_shown_starts_reads_rows_not_pages(make_event, monkeypatch):
    course = make_event(title="Course", start=at_seven_pm(3 - 7 * 10), recurrence="FREQ=WEEKLY")
    make_event(title="Concert", start=at_seven_pm(1))
    made = []
    original_init = EventPage.__init__
    monkeypatch.setattr(EventPage, "__init__", lambda self, *a, **k: made.append(1) or original_init(self, *a, **k))

    starts = shown_starts(EventPage.objects.all(), timezone.now())

    assert starts == {course.pk: at_seven_pm(3)}
    assert made == []
