"""The admin view behind the recurrence form's live preview: the rule in words and the next dates.

The editor's script sends the form's inputs as they are (rule parts, start, end,
time zone, exception dates and the page's language); the answer is JSON. Input
that cannot be read gets a 400 with the reason, which the form shows in place
of the preview.
"""

from http import HTTPStatus

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from .exception_dates import ExceptionDatesFormField, ExceptionDatesWidget
from .models import EventPage
from .recurrence import describe_recurrence, normalize_recurrence
from .recurrence_preview import next_dates_in_words
from .times import parse_time_zone, validate_time_zone
from .widgets import RecurrenceWidget

# The page editor's date-time inputs (Wagtail's admin format), and ISO for other clients.
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]


class PreviewForm(forms.Form):
    start = forms.DateTimeField(required=False, input_formats=DATETIME_INPUT_FORMATS)
    end = forms.DateTimeField(required=False, input_formats=DATETIME_INPUT_FORMATS)
    time_zone = forms.CharField(required=False, max_length=64, validators=[validate_time_zone])
    exception_dates = ExceptionDatesFormField(required=False, widget=ExceptionDatesWidget)
    language = forms.ChoiceField(required=False, choices=settings.WAGTAIL_CONTENT_LANGUAGES)


def bad_request(message):
    return JsonResponse({"error": str(message)}, status=HTTPStatus.BAD_REQUEST)


@require_GET
def recurrence_preview(request):
    form = PreviewForm(request.GET)
    if not form.is_valid():
        return bad_request(" ".join(message for errors in form.errors.values() for message in errors))
    values = form.cleaned_data
    tzinfo = parse_time_zone(values["time_zone"])
    try:
        rule = normalize_recurrence(RecurrenceWidget().value_from_datadict(request.GET, {}, "recurrence"), tzinfo)
    except ValidationError as error:
        return bad_request(" ".join(error.messages))
    if not rule:
        return JsonResponse({"rule": "", "summary": gettext("Does not repeat."), "dates": []})
    summary = gettext("Repeats %(summary)s.") % {
        "summary": describe_recurrence(rule, tzinfo, values["exception_dates"])
    }
    start, end = values["start"], values["end"] or values["start"]
    dates = []
    if start is not None and end is not None and end >= start:
        event = EventPage(
            start=start,
            end=end,
            time_zone=values["time_zone"],
            recurrence=rule,
            exception_dates=values["exception_dates"],
        )
        dates = next_dates_in_words(event, values["language"] or translation.get_language())
    return JsonResponse({"rule": rule, "summary": summary, "dates": dates})
