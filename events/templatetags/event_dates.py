"""Dates of the calendar written as each language writes them."""

from django import template
from django.utils import translation
from django.utils.formats import date_format

register = template.Library()

# A day heading of the month view: (how weekday and date are joined, the date's
# format). Django's own month names are used; "E" is the genitive that Russian
# needs after a day number ("1 декабря", not "1 Декабрь").
DAY_HEADINGS = {
    "en": ("{weekday}, {date}", "F j"),
    "nl": ("{weekday} {date}", "j F"),
    "fr": ("{weekday} {date}", "j F"),
    "ru": ("{weekday}, {date}", "j E"),
}
# Languages that write weekday names in lower case (Django's Russian names are capitalised).
LOWER_CASE_WEEKDAYS = {"nl", "fr", "ru"}


@register.filter
def day_heading(day):
    """ "Tuesday, December 1", "dinsdag 1 december", "mardi 1 décembre", "вторник, 1 декабря"."""
    if not day:
        return ""
    language = (translation.get_language() or "en").split("-")[0]
    pattern, date_part = DAY_HEADINGS.get(language, ("{weekday} {date}", "MONTH_DAY_FORMAT"))
    weekday = date_format(day, "l")
    if language in LOWER_CASE_WEEKDAYS:
        weekday = weekday.lower()
    return pattern.format(weekday=weekday, date=date_format(day, date_part))
