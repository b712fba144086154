"""Which organisations have a round anniversary coming, so editors plan ahead.

Derived from founding years alone (and the founding date when it is known):
nothing is stored, so the list is right the day a founding year is corrected.
"""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _

ROUND_ANNIVERSARIES = (10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 100)
PLANNING_MONTHS = 18


def is_round_anniversary(years):
    """10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 100, then every 25 years."""
    return years in ROUND_ANNIVERSARIES or (years > 100 and years % 25 == 0)


def add_months(day, months):
    """The same day ``months`` later, or that month's last day (31 January + 1 month: 28 or 29 February)."""
    return day + relativedelta(months=months)


@dataclass(frozen=True)
class ComingAnniversary:
    years: int
    year: int
    date: datetime.date | None = None  # None: only the founding year is known


def coming_round_anniversaries(founded_year, founded_date, today, months=PLANNING_MONTHS):
    """Round anniversaries in the next ``months`` months, earliest first.

    With a founding date, the anniversary falls on that day of the month; with
    a year only, on some day of that year, so the whole anniversary year counts
    while it overlaps the planning window (the current year included).
    """
    if not founded_year:
        return []
    window_end = add_months(today, months)
    found = []
    for year in range(today.year, window_end.year + 1):
        years = year - founded_year
        if years <= 0 or not is_round_anniversary(years):
            continue
        if founded_date:
            # The founding day ``years`` later; a 29 February founding falls on the 28th in other years.
            day = founded_date + relativedelta(years=years)
            if today <= day <= window_end:
                found.append(ComingAnniversary(years, year, day))
        else:
            found.append(ComingAnniversary(years, year))
    return found


def suggested_celebration_date(anniversary, today):
    """The date a new jubilee page starts with: the anniversary, or the first day of its year."""
    if anniversary.date:
        return anniversary.date
    return max(datetime.date(anniversary.year, 1, 1), today)


def jubilee_title(organisation_title, years):
    return _("%(years)s years of %(organisation)s") % {"years": years, "organisation": organisation_title}
