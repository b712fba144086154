"""Admin menu item and URLs of the content import and its jobs (Moderators and superusers only)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_import(request.user)


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path("content-import/", views.import_view, name="interchange_import"),
        path("content-import/<int:job_id>/", views.job_view, name="interchange_import_job"),
        path("content-import/<int:job_id>/confirm/", views.confirm_view, name="interchange_import_confirm"),
        path("content-import/<int:job_id>/progress/", views.job_progress_view, name="interchange_import_progress"),
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(_("Import content"), reverse("interchange_import"), icon_name="upload", order=900)
