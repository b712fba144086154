"""The recurrence widget writes the same rule text the field stores, for every kind of rule."""

import zoneinfo

import pytest
from django.http import QueryDict

from events.recurrence import normalize_recurrence
from events.widgets import CUSTOM, PART_NAMES, RecurrenceWidget

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


def posted(widget, name, value):
    """The form data a browser sends back for the widget as rendered with ``value``."""
    data = QueryDict(mutable=True)
    for part, part_value in zip(PART_NAMES, widget.decompress(widget.format_value(value)), strict=True):
        key = f"{name}_{part}"
        if isinstance(part_value, list):
            data.setlist(key, part_value)
        elif part_value not in (None, ""):
            data[key] = str(part_value)
    return data


@pytest.mark.parametrize(
    "rule",
    [
        "",
        "FREQ=DAILY",
        "FREQ=DAILY;COUNT=5;INTERVAL=3",
        "FREQ=WEEKLY;BYDAY=TU",
        "FREQ=WEEKLY;COUNT=10;INTERVAL=2;BYDAY=TU,TH",
        "FREQ=MONTHLY;UNTIL=20270630T215959Z",
        "FREQ=YEARLY",
        "FREQ=YEARLY;INTERVAL=5",
        # Rules the form cannot express stay as they are, under "custom".
        "FREQ=MONTHLY;BYMONTHDAY=15",
        "FREQ=MONTHLY;BYDAY=+1MO",
    ],
)
def test_a_stored_rule_comes_back_unchanged_through_the_widget(rule):
    widget = RecurrenceWidget()
    value = widget.value_from_datadict(posted(widget, "recurrence", rule), {}, "recurrence")
    assert normalize_recurrence(value, BRUSSELS) == rule


def test_structured_inputs_write_the_rule():
    widget = RecurrenceWidget()
    data = QueryDict(mutable=True)
    data.update({"recurrence_frequency": "WEEKLY", "recurrence_interval": "2", "recurrence_ends": "count"})
    data["recurrence_count"] = "10"
    data.setlist("recurrence_weekdays", ["TH", "TU"])
    value = widget.value_from_datadict(data, {}, "recurrence")
    assert value == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=10"


def test_an_end_date_is_written_as_the_local_day():
    widget = RecurrenceWidget()
    data = {"recurrence_frequency": "MONTHLY", "recurrence_ends": "until", "recurrence_until": "2027-06-30"}
    value = widget.value_from_datadict(data, {}, "recurrence")
    assert normalize_recurrence(value, BRUSSELS) == "FREQ=MONTHLY;UNTIL=20270630T215959Z"


def test_weekdays_are_ignored_unless_weekly():
    widget = RecurrenceWidget()
    data = QueryDict(mutable=True)
    data["recurrence_frequency"] = "MONTHLY"
    data.setlist("recurrence_weekdays", ["MO"])
    assert widget.value_from_datadict(data, {}, "recurrence") == "FREQ=MONTHLY"


def test_the_custom_choice_keeps_the_typed_rule():
    widget = RecurrenceWidget()
    data = {"recurrence_frequency": CUSTOM, "recurrence_rule": "FREQ=MONTHLY;BYMONTHDAY=1,15"}
    assert widget.value_from_datadict(data, {}, "recurrence") == "FREQ=MONTHLY;BYMONTHDAY=1,15"


def test_a_plain_field_value_is_still_accepted():
    """Clients posting the field itself (no structured inputs) are read as before."""
    widget = RecurrenceWidget()
    assert widget.value_from_datadict({"recurrence": "FREQ=YEARLY"}, {}, "recurrence") == "FREQ=YEARLY"


def test_does_not_repeat_writes_nothing():
    widget = RecurrenceWidget()
    data = {"recurrence_frequency": "", "recurrence_interval": "1", "recurrence_ends": "never"}
    assert widget.value_from_datadict(data, {}, "recurrence") == ""


def test_an_unreadable_number_reaches_the_validator_instead_of_vanishing():
    widget = RecurrenceWidget()
    data = {"recurrence_frequency": "DAILY", "recurrence_interval": "zero"}
    assert widget.value_from_datadict(data, {}, "recurrence") == "FREQ=DAILY;INTERVAL=zero"


def test_the_rendered_widget_shows_the_rule_in_words_and_the_raw_text():
    html = RecurrenceWidget().render(
        "recurrence", "FREQ=WEEKLY;COUNT=10;INTERVAL=2;BYDAY=TU,TH", {"id": "id_recurrence"}
    )
    assert "every 2 weeks, on Tuesday, Thursday, 10 times" in html
    assert 'name="recurrence_rule"' in html
    assert 'value="FREQ=WEEKLY;COUNT=10;INTERVAL=2;BYDAY=TU,TH"' in html
    assert 'id="id_recurrence_weekdays_1" checked' in html or 'value="TU"' in html


@pytest.mark.parametrize("zone", ["America/New_York", "Europe/Brussels", "Europe/Moscow", "Asia/Vladivostok"])
def test_an_end_date_reads_as_the_same_local_day_in_the_events_time_zone(zone):
    tzinfo = zoneinfo.ZoneInfo(zone)
    widget = RecurrenceWidget()
    stored = normalize_recurrence("FREQ=WEEKLY;UNTIL=20270630", tzinfo)
    assert dict(zip(PART_NAMES, widget.decompress(stored), strict=True))["until"] == "2027-06-30"
    value = widget.value_from_datadict(posted(widget, "recurrence", stored), {}, "recurrence")
    assert normalize_recurrence(value, tzinfo) == stored


def test_an_imported_end_time_that_is_not_the_end_of_a_day_stays_custom_text():
    widget = RecurrenceWidget()
    rule = "FREQ=WEEKLY;UNTIL=20270630T120000Z"
    assert widget.decompress(rule)[0] == CUSTOM
    assert widget.value_from_datadict(posted(widget, "recurrence", rule), {}, "recurrence") == rule
