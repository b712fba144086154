"""A recurrence form for editors that writes the same iCalendar RRULE text the field stores.

The widget is plain inputs (frequency, every N, weekdays, end) that work without
JavaScript; a small script only hides the inputs that do not apply. Rules the
form cannot express (BYMONTHDAY, "+1MO"...) stay editable as text under the
"Custom rule" choice, so imported rules are never lost or rewritten.
"""

import datetime
import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _
from icalendar import vRecur

from .recurrence import WEEKDAY_CODES, describe_recurrence
from .recurrence_preview import next_dates_in_words

# Shown in the page editor instead of the field's own help, which explains the rule text.
FORM_HELP_TEXT = _(
    "Every occurrence keeps the start's local time, and the start must be one of them."
    " “Custom rule” takes iCalendar text, e.g. FREQ=MONTHLY;BYMONTHDAY=15."
)

CUSTOM = "CUSTOM"
FREQUENCY_CHOICES = [
    ("", _("Does not repeat")),
    ("DAILY", _("Daily")),
    ("WEEKLY", _("Weekly")),
    ("MONTHLY", _("Monthly")),
    ("YEARLY", _("Yearly")),
    (CUSTOM, _("Custom rule (iCalendar text)")),
]
ENDS_NEVER, ENDS_ON_DATE, ENDS_AFTER = "never", "until", "count"
ENDS_CHOICES = [
    (ENDS_NEVER, _("Never")),
    (ENDS_ON_DATE, _("On a date")),
    (ENDS_AFTER, _("After a number of times")),
]
WEEKDAY_CHOICES = [(code, WEEKDAYS[index]) for index, code in enumerate(WEEKDAY_CODES)]

# The parts the structured inputs can express; any other part keeps the rule custom.
FORM_PARTS = {"FREQ", "INTERVAL", "BYDAY", "COUNT", "UNTIL"}

# Subwidget order; value_from_datadict and decompress both follow it.
PART_NAMES = ["frequency", "interval", "weekdays", "ends", "until", "count", "rule"]


def rule_to_parts(text):
    """The structured inputs' values for a stored rule (custom when the form cannot express it)."""
    text = (text or "").strip()
    empty = {"frequency": "", "interval": 1, "weekdays": [], "ends": ENDS_NEVER, "until": "", "count": ""}
    if not text:
        return {**empty, "rule": ""}
    custom = {**empty, "frequency": CUSTOM, "rule": text}
    try:
        rule = vRecur.from_ical(text.upper().removeprefix("RRULE:"))
    except ValueError:
        return custom
    frequency = (rule.get("FREQ") or [""])[0]
    weekdays = [str(day) for day in rule.get("BYDAY", [])]
    if (
        set(rule) - FORM_PARTS
        or frequency not in {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
        or any(day not in WEEKDAY_CODES for day in weekdays)
        or (weekdays and frequency != "WEEKLY")
        or ("COUNT" in rule and "UNTIL" in rule)
    ):
        return custom
    parts = {**empty, "frequency": frequency, "rule": text, "weekdays": weekdays}
    parts["interval"] = int(rule.get("INTERVAL", [1])[0])
    if "COUNT" in rule:
        parts.update(ends=ENDS_AFTER, count=int(rule["COUNT"][0]))
    elif "UNTIL" in rule:
        until = local_last_day(rule["UNTIL"][0])
        if until is None:
            return custom
        parts.update(ends=ENDS_ON_DATE, until=until.isoformat())
    return parts


def local_last_day(until):
    """The local date of a stored UNTIL, or None when it is not the end of a local day.

    The field keeps UNTIL in UTC at 23:59:59 of the event's local day (see
    ``normalize_recurrence``). From UTC-9 to UTC-1 that instant falls early on the
    next UTC day; from UTC to UTC+13 later on the same day. Any other time
    (an imported UNTIL at noon) is kept as custom text so saving never moves it.
    """
    if not isinstance(until, datetime.datetime):
        return until
    until = until.astimezone(datetime.UTC)
    if until.second != 59 or until.minute % 15 != 14:
        return None
    return until.date() - datetime.timedelta(days=1) if until.hour < 10 else until.date()


def parts_to_rule(parts):
    """The RRULE text for the structured inputs; unreadable numbers are kept so the field's validator names them."""
    frequency = parts.get("frequency") or ""
    if frequency == CUSTOM:
        return (parts.get("rule") or "").strip()
    if not frequency:
        return ""
    rule = [f"FREQ={frequency}"]
    interval = str(parts.get("interval") or "").strip()
    if interval and interval != "1":
        rule.append(f"INTERVAL={interval}")
    weekdays = [day for day in WEEKDAY_CODES if day in (parts.get("weekdays") or [])]
    if frequency == "WEEKLY" and weekdays:
        rule.append("BYDAY=" + ",".join(weekdays))
    ends = parts.get("ends") or ENDS_NEVER
    if ends == ENDS_AFTER:
        rule.append(f"COUNT={str(parts.get('count') or '').strip()}")
    elif ends == ENDS_ON_DATE:
        rule.append("UNTIL=" + str(parts.get("until") or "").strip().replace("-", ""))
    return ";".join(rule)


class RecurrenceWidget(forms.MultiWidget):
    """Structured recurrence inputs whose value is the RRULE text (see ``events.recurrence``)."""

    template_name = "events/widgets/recurrence.html"
    # Set by events.recurrence_preview.RecurrencePanel: the event edited and its page's language.
    event = None
    language_code = None

    class Media:
        js = ["events/js/recurrence-widget.js"]

    def __init__(self, attrs=None):
        widgets = {
            "frequency": forms.Select(choices=FREQUENCY_CHOICES),
            "interval": forms.NumberInput(attrs={"min": 1, "max": 999, "class": "recurrence-interval"}),
            "weekdays": forms.CheckboxSelectMultiple(choices=WEEKDAY_CHOICES),
            "ends": forms.RadioSelect(choices=ENDS_CHOICES),
            "until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "count": forms.NumberInput(attrs={"min": 1, "max": 9999}),
            "rule": forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        parts = rule_to_parts(value)
        return [parts[name] for name in PART_NAMES]

    def value_from_datadict(self, data, files, name):
        values = super().value_from_datadict(data, files, name)
        if all(value in (None, "", []) for value in values):
            # Nothing of the structured inputs posted (an import or API client): the plain field.
            return data.get(name, "")
        return parts_to_rule(dict(zip(PART_NAMES, values, strict=True)))

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)

    def format_value(self, value):
        """The stored rule text (the widget's summary and the custom input show it)."""
        return value or ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["summary"] = summarize(value, self.event)
        context["widget"]["next_dates"] = self.next_dates(value)
        context["widget"]["language_code"] = self.language_code or ""
        context["widget"]["preview_url"] = reverse("events_recurrence_preview")
        context["widget"]["parts"] = dict(zip(PART_NAMES, context["widget"]["subwidgets"], strict=True))
        return context

    def render(self, name, value, attrs=None, renderer=None):
        """Rendered with the project's templates, each input with the form renderer."""
        context = self.get_context(name, value, attrs)
        values = value if isinstance(value, list) else self.decompress(value)
        context["widget"]["rendered"] = {
            part: widget.render(subwidget["name"], part_value, subwidget["attrs"], renderer)
            for part, subwidget, widget, part_value in zip(
                PART_NAMES, context["widget"]["subwidgets"], self.widgets, values, strict=True
            )
        }
        return render_to_string(self.template_name, context)

    def next_dates(self, value):
        """The event's next dates in words, when the rule shown is the event's own."""
        event = self.event
        if event is None or not value or value != event.recurrence or not self.language_code:
            return []
        try:
            return next_dates_in_words(event, self.language_code)
        except (ValidationError, ValueError, TypeError):
            return []


def summarize(value, event=None):
    """The rule in words in the editor's language (with the event's exception dates), or "" when unreadable."""
    if not value or not str(value).strip():
        return ""
    own = event is not None and value == event.recurrence
    exception_dates = event.exception_dates if own else ()
    tzinfo = event.tzinfo if own else zoneinfo.ZoneInfo("UTC")
    try:
        return describe_recurrence(str(value), tzinfo, exception_dates)
    except ValidationError:
        return ""
