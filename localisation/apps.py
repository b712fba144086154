from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class LocalisationConfig(AppConfig):
    """Languages, translators' tools and language-aware visitor views.

    Wagtail-localize does the translating; this app holds what sits around it:
    the locales kept in step with settings, the ``/`` language redirect, the
    "page not in this language" answer, the switcher and hreflang tags and the
    translation status report, the translators' notices and dashboard panel.
    """

    name = "localisation"
    verbose_name = _("Localisation")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from wagtail.models import PageViewRestriction
        from wagtail.signals import copy_for_translation_done, page_published
        from wagtail_localize.models import StringTranslation, Translation

        from .locales import create_configured_locales
        from .notifications import source_published, translation_created
        from .restrictions import restriction_deleted, restriction_groups_changed, restriction_saved, translation_copied
        from .slugs import title_translated

        post_save.connect(translation_created, sender=Translation, dispatch_uid="translation-notice-submitted")
        page_published.connect(source_published, dispatch_uid="translation-notice-source-changed")
        post_save.connect(title_translated, sender=StringTranslation, dispatch_uid="slug-from-translated-title")

        # A view restriction applies to every translation of its page (localisation.restrictions).
        post_save.connect(restriction_saved, sender=PageViewRestriction, dispatch_uid="restriction-to-translations")
        post_delete.connect(
            restriction_deleted, sender=PageViewRestriction, dispatch_uid="restriction-lifted-everywhere"
        )
        m2m_changed.connect(
            restriction_groups_changed,
            sender=PageViewRestriction.groups.through,
            dispatch_uid="restriction-groups-to-translations",
        )
        copy_for_translation_done.connect(translation_copied, dispatch_uid="restrictions-to-new-translation")

        # After every migrate, so that adding a language to settings.LANGUAGES
        # is all it takes to get its Locale (no data migration to write).
        post_migrate.connect(create_configured_locales, sender=self)
