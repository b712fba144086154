"""The data migration giving events written without a last date (an earlier batch import) the one a save works out."""

import importlib

import pytest
from django.apps import apps

from events.models import EventPage
from tests.helpers import brussels

pytestmark = pytest.mark.django_db

migration = importlib.import_module("events.migrations.0003_fill_last_occurrence_end")


def test_events_without_a_last_date_get_the_one_a_save_gives_and_endless_rules_stay_empty(make_event):
    one_off = make_event(start=brussels(2025, 3, 16, 19))
    finite = make_event(start=brussels(2025, 3, 16, 19), recurrence="FREQ=WEEKLY;COUNT=3")
    endless = make_event(start=brussels(2025, 3, 16, 19), recurrence="FREQ=WEEKLY")
    saved = {event.pk: event.last_occurrence_end for event in (one_off, finite, endless)}
    assert saved[one_off.pk] == one_off.end and saved[finite.pk] is not None and saved[endless.pk] is None
    EventPage.objects.update(last_occurrence_end=None)
    assert EventPage.objects.upcoming().filter(pk=one_off.pk).exists()

    migration.fill_last_occurrence_end(apps, None)

    assert dict(EventPage.objects.values_list("pk", "last_occurrence_end")) == saved
    assert not EventPage.objects.upcoming().filter(pk__in=[one_off.pk, finite.pk]).exists()
