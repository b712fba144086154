"""The next dates of a repeating event in words, in the page's language, for the editor's recurrence form.

The form shows them under the rule, leaving out the exception dates. The page
editor renders them for the event as it stands; when an input changes, the
widget's script asks the admin view ``events_recurrence_preview`` (see
``events.admin_views``) for the rule and dates of the inputs as they are.
"""

from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from wagtail.admin.panels import FieldPanel

from .templatetags.event_dates import DAY_HEADINGS, LOWER_CASE_WEEKDAYS
from .times import earlier

PREVIEW_COUNT = 5


def next_dates_in_words(event, language_code, *, count=PREVIEW_COUNT, moment=None):
    """The starts of ``event``'s next ``count`` occurrences not yet over, as text in ``language_code``.

    Empty for an event that does not repeat or has no start yet.
    """
    if not event.recurrence or event.start is None or event.end is None:
        return []
    moment = moment or timezone.now()
    since = max(earlier(moment, event.duration), event.local_start)
    starts = event.rule.xafter(since, count=count, inc=True)
    with translation.override(language_code):
        return [date_in_words(start, language_code) for start in starts]


def date_in_words(start, language_code):
    """ "Tuesday, Jan. 5, 2027, 7 p.m.", "вторник, 5 января 2027 г., 19:00": the active language's formats."""
    pattern = DAY_HEADINGS.get(language_code, ("{weekday} {date}", ""))[0]
    weekday = date_format(start, "l")
    if language_code in LOWER_CASE_WEEKDAYS:
        weekday = weekday.lower()
    day = pattern.format(weekday=weekday, date=date_format(start, "DATE_FORMAT"))
    return f"{day}, {time_format(start, 'TIME_FORMAT')}"


def page_language(page):
    """The language of the page being edited (a new page has its parent's locale already)."""
    locale_id = getattr(page, "locale_id", None)
    if locale_id is None:
        return translation.get_language()
    return page.locale.language_code


class RecurrencePanel(FieldPanel):
    """The recurrence field, whose widget is told which event it belongs to (for the next dates)."""

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.bound_field is not None and not self.read_only:
                widget = self.bound_field.field.widget
                widget.event = self.instance
                widget.language_code = page_language(self.instance)
