from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import REPORT_PERMISSION, TranslationStatusReportView
from .dashboard import translator_work_panel


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [
        path(
            "reports/translation-status/",
            TranslationStatusReportView.as_view(),
            name="localisation_translation_status",
        )
    ]


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(REPORT_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"),
        reverse("localisation_translation_status"),
        icon_name="wagtail-localize-language",
        order=750,
    )


@hooks.register("construct_homepage_panels")
def add_translator_work_panel(request, panels):
    panel = translator_work_panel(request.user)
    if panel is not None:
        panels.append(panel)
