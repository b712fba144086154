from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class LocalisationConfig(AppConfig):
    """Languages, translators' tools and language-aware visitor views.

    Wagtail-localize does the translating; this app holds what sits around it:
    the locales kept in step with settings, the ``/`` language redirect, the
    "page not in this language" answer, the switcher and hreflang tags and the
    translation status report.
    """

    name = "localisation"
    verbose_name = _("Localisation")

    def ready(self):
        from .locales import create_configured_locales

        # After every migrate, so that adding a language to settings.LANGUAGES
        # is all it takes to get its Locale (no data migration to write).
        post_migrate.connect(create_configured_locales, sender=self)
