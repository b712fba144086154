"""The translator's panel on the admin dashboard: their work in each of their languages.

New (submitted, nothing translated yet), source changed since the last sync,
and in progress, with counts, from the same data as the status report.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Locale

from accounts.translator_groups import languages_of

from .progress import State
from .report import translation_status

#: Pages listed per kind of work; the counts and the report give the rest.
SHOWN = 5


class TranslatorWorkPanel(Component):
    name = "translator_work"
    template_name = "localisation/admin/translator_work_panel.html"
    order = 90

    def __init__(self, language_codes):
        self.language_codes = language_codes

    def get_context_data(self, parent_context):
        locales = Locale.objects.filter(language_code__in=self.language_codes)
        languages = []
        for status in translation_status(
            locales=sorted(locales, key=lambda locale: self.language_codes.index(locale.language_code))
        ):
            submitted = [row for row in status.pages if row.translated is not None]
            kinds = [
                (_("New"), [row for row in submitted if row.state == State.NOT_STARTED]),
                (_("Source changed"), [row for row in submitted if row.source_changed]),
                (_("In progress"), [row for row in submitted if row.state == State.IN_PROGRESS]),
            ]
            languages.append(
                {
                    "status": status,
                    "kinds": [(label, len(rows), rows[:SHOWN]) for label, rows in kinds],
                }
            )
        return {"languages": languages}


def translator_work_panel(user):
    """The panel for a translator, None for anyone else."""
    language_codes = languages_of(user)
    return TranslatorWorkPanel(language_codes) if language_codes else None
