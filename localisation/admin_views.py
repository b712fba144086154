"""The translation status report in Wagtail's admin (Reports menu)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .report import translation_status

#: Who may see the report: whoever may submit translations.
REPORT_PERMISSION = "wagtail_localize.submit_translation"


class TranslationStatusReportView(WagtailAdminTemplateMixin, TemplateView):
    """Per locale: pages without a translation, translations behind their source."""

    template_name = "localisation/admin/translation_status.html"
    page_title = _("Translation status")
    header_icon = "wagtail-localize-language"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(REPORT_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statuses = translation_status()
        selected = [status for status in statuses if status.locale.language_code == self.request.GET.get("locale")]
        context.update(
            statuses=statuses,
            shown_statuses=selected or statuses,
            next_url=self.request.get_full_path(),
        )
        return context
