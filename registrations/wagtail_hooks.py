"""Registrations in the admin: listed, searched, filtered by status and exported as CSV or XLSX."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .registrant import Registrant


class RegistrantViewSet(ModelViewSet):
    model = Registrant
    icon = "group"
    menu_label = _("Registrations")
    add_to_admin_menu = True
    menu_order = 350
    list_display = ["name", "email", "page", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "email", "page__title"]
    list_export = ["page", "name", "email", "get_status_display", "language_code", "created_at", "status_changed_at"]
    export_headings = {"get_status_display": _("Status")}
    export_filename = "event-registrations"
    # Corrections only: registrations are made by visitors on the event's page.
    form_fields = ["name", "email", "status"]


@hooks.register("register_admin_viewset")
def register_registrant_viewset():
    return RegistrantViewSet("registrations")
