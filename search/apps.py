from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Multilingual search: analysis, backends, synonyms and the search service."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from . import checks, synonyms  # noqa: F401  (registers the system checks and the cache receivers)
