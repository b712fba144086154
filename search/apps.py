from django.apps import AppConfig
from django.core.signals import request_finished
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Multilingual search: analysis, backends, synonyms and the search service."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        # Imported once the models are loaded: these modules read them.
        from core.search_terms import register_page_term_analyser
        from search import checks  # noqa: F401  (registers the system checks)
        from search.analysis import (
            forget_locale_languages,
            synonyms,  # noqa: F401  (connects the synonym cache's receivers)
        )
        from search.analysis.pages import PAGE_TERM_ANALYSER
        from search.service.query_log import FLUSH_RECEIVER_UID, flush_after_response

        # Every page's pre-analysed terms (core.models.BasePage) come from this app's analysis.
        register_page_term_analyser(PAGE_TERM_ANALYSER)
        for signal in (post_save, post_delete):
            signal.connect(forget_locale_languages, sender="wagtailcore.Locale", dispatch_uid="forget-locale-languages")
        # The search query log is written once a response is out (search.service.query_log).
        request_finished.connect(flush_after_response, dispatch_uid=FLUSH_RECEIVER_UID)
