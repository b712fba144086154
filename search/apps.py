from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Multilingual search: analysis, backends, synonyms and the search service."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import checks, synonyms  # noqa: F401  (registers the system checks and the cache receivers)
        from .analysis import forget_locale_languages

        for signal in (post_save, post_delete):
            signal.connect(forget_locale_languages, sender="wagtailcore.Locale", dispatch_uid="forget-locale-languages")
        # The search query log is written once a response is out (search.query_log).
        from django.core.signals import request_finished

        from .query_log import FLUSH_RECEIVER_UID, flush_after_response

        request_finished.connect(flush_after_response, dispatch_uid=FLUSH_RECEIVER_UID)
