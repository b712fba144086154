"""Exception dates of a recurring event (iCalendar EXDATE): the days it does not take place.

Stored beside the rule, as a list of ISO dates of the event's local days, so
that the rule text stays the plain RRULE that imports and the API exchange. The
occurrences (``events.recurrence.build_rule``), the iCalendar export (EXDATE)
and the rule in words leave them out. Editors add and remove them with a list
of date inputs that works without JavaScript: each stored date has its input
(empty it to remove the date), and one more input is empty for a new date;
the script adds inputs on demand and removes them with a button.
"""

from django import forms
from django.db import models
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from .recurrence import parse_exception_dates


class ExceptionDatesWidget(forms.Widget):
    """One date input per exception date, plus an empty one."""

    template_name = "events/widgets/exception_dates.html"

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
        if isinstance(values, str):
            values = [values]
        return [value.strip() for value in values if value and value.strip()]

    def value_omitted_from_data(self, data, files, name):
        # Every input emptied posts empty strings; an absent name means the form did not show the field.
        return name not in data

    def format_value(self, value):
        if isinstance(value, str):
            value = [value]
        return [str(day) for day in value or ()]

    def render(self, name, value, attrs=None, renderer=None):
        """Rendered with the project's templates, whatever the form renderer."""
        return render_to_string(self.template_name, self.get_context(name, value, attrs))


class ExceptionDatesFormField(forms.Field):
    widget = ExceptionDatesWidget

    def __init__(self, *, encoder=None, decoder=None, **kwargs):
        # JSONField.formfield() passes its encoder and decoder, which a list of dates does not need.
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in (None, ""):
            return []
        if isinstance(value, str):
            value = [value]
        return [day.isoformat() for day in parse_exception_dates(value)]

    def prepare_value(self, value):
        return value or []

    def has_changed(self, initial, data):
        return list(initial or []) != self.to_python(data)


class ExceptionDatesField(models.JSONField):
    """A JSON list of ISO dates, sorted and without duplicates, edited with :class:`ExceptionDatesWidget`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ExceptionDatesFormField, **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        # Recorded as a JSONField: migrations need no import of this module.
        return name, "django.db.models.JSONField", args, kwargs


EXCEPTION_DATES_HELP_TEXT = _(
    "Days on which a repeating event does not take place (a holiday): each must be one of its dates."
    " Empty a date to remove it."
)
