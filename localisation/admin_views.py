"""The translation status report in Wagtail's admin (Reports menu), on screen and as CSV."""

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .report import translation_status

#: Who may see the report: whoever may submit translations.
REPORT_PERMISSION = "wagtail_localize.submit_translation"

#: Characters that make a spreadsheet read a cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text):
    """``text`` as a spreadsheet shows it, never as a formula it would run (CSV injection)."""
    text = str(text)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


class TranslationStatusReportView(WagtailAdminTemplateMixin, TemplateView):
    """Per locale and page: not started, in progress (N of M segments), done, source changed since."""

    template_name = "localisation/admin/translation_status.html"
    page_title = _("Translation status")
    header_icon = "wagtail-localize-language"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(REPORT_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "csv":
            return self.csv_response()
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def shown_statuses(self, statuses):
        selected = [status for status in statuses if status.locale.language_code == self.request.GET.get("locale")]
        return selected or statuses

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statuses = translation_status()
        context.update(
            statuses=statuses,
            shown_statuses=self.shown_statuses(statuses),
            next_url=self.request.get_full_path(),
            csv_query=self.request.GET.copy(),
        )
        context["csv_query"]["export"] = "csv"
        return context

    def csv_response(self):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="translation-status.csv"'
        writer = csv.writer(response)
        writer.writerow(
            [
                gettext("Language"),
                gettext("Page ID"),
                gettext("Source page"),
                gettext("Source language"),
                gettext("Translated page ID"),
                gettext("State"),
                gettext("Translated segments"),
                gettext("Segments"),
                gettext("Source changed since last sync"),
            ]
        )
        for status in self.shown_statuses(translation_status()):
            for page in status.pages:
                writer.writerow(
                    [
                        status.locale.language_code,
                        page.source.pk,
                        spreadsheet_safe(page.source.title),
                        page.source.locale.language_code,
                        page.translated.pk if page.translated else "",
                        page.state.value,
                        page.progress.translated if page.progress else 0,
                        page.progress.total if page.progress else "",
                        "yes" if page.source_changed else "no",
                    ]
                )
        return response
