"""Validation of events: an end before the start is refused with a clear message."""

import datetime
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from events.models import EventPage
from tests.helpers.admin_forms import event_page_data

END_BEFORE_START = "The event cannot end before it starts."


def test_an_end_before_the_start_is_refused(db):
    start = timezone.now()
    event = EventPage(title="Concert", start=start, end=start - datetime.timedelta(minutes=1))
    with pytest.raises(ValidationError) as raised:
        event.clean()
    assert raised.value.message_dict == {"end": [END_BEFORE_START]}


@pytest.mark.parametrize("duration", [datetime.timedelta(0), datetime.timedelta(hours=2)])
def test_an_end_at_or_after_the_start_is_accepted(db, duration):
    start = timezone.now()
    EventPage(title="Concert", start=start, end=start + duration).clean()


def test_the_editor_sees_the_message_and_nothing_is_saved(admin_client, sections):
    add_url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", sections["events"].pk])
    response = admin_client.post(
        add_url,
        event_page_data(
            "Evening of romances", "romances", "2030-05-01 19:00", "2030-05-01 18:00", **{"action-publish": "1"}
        ),
    )
    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["end"] == [END_BEFORE_START]
    assert END_BEFORE_START in response.content.decode()
    assert not EventPage.objects.filter(slug="romances").exists()


def test_the_editor_saves_a_valid_event(admin_client, sections):
    add_url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", sections["events"].pk])
    response = admin_client.post(
        add_url, event_page_data("Evening of romances", "romances", "2030-05-01 19:00", "2030-05-01 21:30")
    )
    assert response.status_code == HTTPStatus.FOUND
    event = EventPage.objects.get(slug="romances")
    assert event.end - event.start == datetime.timedelta(hours=2, minutes=30)
