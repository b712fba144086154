"""The admin URL of the recurrence form's live preview."""

from django.urls import path
from wagtail import hooks

from . import admin_views


@hooks.register("register_admin_urls")
def register_recurrence_preview_url():
    return [path("events/recurrence-preview/", admin_views.recurrence_preview, name="events_recurrence_preview")]
