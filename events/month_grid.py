"""The month view's grid: weeks as rows, days as cells, each with its occurrences.

Weeks start on the day the visitor's language starts them (Django's
``FIRST_DAY_OF_WEEK``: Sunday in English, Monday in Dutch, French and
Russian). Days of the neighbouring months are empty cells: their events
belong to those months' pages.
"""

import calendar
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.formats import get_format


@dataclass
class DayCell:
    day: object  # datetime.date, or None for a day of another month
    occurrences: list = field(default_factory=list)
    is_today: bool = False


def first_weekday():
    """0 for Monday ... 6 for Sunday, in the active language (Django counts 0 as Sunday)."""
    return (int(get_format("FIRST_DAY_OF_WEEK")) - 1) % 7


def weekday_names():
    """(full name, abbreviation) of each column, in the order of the grid."""
    start = first_weekday()
    return [(WEEKDAYS[(start + offset) % 7], WEEKDAYS_ABBR[(start + offset) % 7]) for offset in range(7)]


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
