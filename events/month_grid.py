"""The month view's grid: weeks as rows, days as cells, each with its occurrences.

An occurrence over several days (a festival, an exhibition) is in the cell
of each of its days in the month; the agenda below lists it once, on the
day it starts. A cell lists at most :data:`GRID_EVENTS_PER_DAY` lines: the
first occurrences, then a link to the others in that day's agenda.

Weeks start on the day the visitor's language starts them (Django's
``FIRST_DAY_OF_WEEK``: Sunday in English, Monday in Dutch, French and
Russian). Days of the neighbouring months are empty cells: their events
belong to those months' pages.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.formats import get_format

#: Occurrences a day cell lists; the others are behind a link to that day's agenda.
GRID_EVENTS_PER_DAY = 3


@dataclass
class DayCell:
    day: object  # datetime.date, or None for a day of another month
    occurrences: list = field(default_factory=list)
    is_today: bool = False

    @property
    def shown(self):
        """The occurrences the cell lists: all of them, or the first ones and a link to the rest."""
        if len(self.occurrences) <= GRID_EVENTS_PER_DAY:
            return self.occurrences
        return self.occurrences[: GRID_EVENTS_PER_DAY - 1]

    @property
    def more_count(self):
        return len(self.occurrences) - len(self.shown)


def first_weekday():
    """0 for Monday ... 6 for Sunday, in the active language (Django counts 0 as Sunday)."""
    return (int(get_format("FIRST_DAY_OF_WEEK")) - 1) % 7


def weekday_names():
    """(full name, abbreviation) of each column, in the order of the grid."""
    start = first_weekday()
    return [(WEEKDAYS[(start + offset) % 7], WEEKDAYS_ABBR[(start + offset) % 7]) for offset in range(7)]


def days_covered(occurrence, time_zone):
    """The dates ``occurrence`` takes place on in ``time_zone`` (one that ends at midnight ends the day before)."""
    first = occurrence.start.astimezone(time_zone).date()
    end = occurrence.end.astimezone(time_zone)
    last = (
        end.date()
        if end.time() != datetime.time.min or end.date() == first
        else end.date() - datetime.timedelta(days=1)
    )
    return [first + datetime.timedelta(days=offset) for offset in range((last - first).days + 1)]


def spread_over_days(occurrences_by_start_day, time_zone):
    """``{day: occurrences}`` with each occurrence on every day it covers, in start order."""
    spread = {}
    for occurrences in occurrences_by_start_day.values():
        for occurrence in occurrences:
            for day in days_covered(occurrence, time_zone):
                spread.setdefault(day, []).append(occurrence)
    for occurrences in spread.values():
        occurrences.sort(key=lambda occurrence: occurrence.start)
    return spread


def month_weeks(month, occurrences_by_day, today=None):
    """The weeks of ``month`` (a first day of month), each a list of seven :class:`DayCell`."""
    today = today or timezone.localdate()
    weeks = []
    for week in calendar.Calendar(first_weekday()).monthdatescalendar(month.year, month.month):
        weeks.append(
            [
                DayCell(day, occurrences_by_day.get(day, []), day == today)
                if day.month == month.month
                else DayCell(None)
                for day in week
            ]
        )
    return weeks
