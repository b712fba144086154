from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The shared page foundation, the home page and the editorial groups."""

    name = "home"
    verbose_name = _("Home")

    def ready(self):
        from .models import HomePage
        from .signals import grant_translators_translation_root

        # Only a HomePage may sit directly under the root, so every language's
        # tree starts with one.
        post_save.connect(grant_translators_translation_root, sender=HomePage, dispatch_uid="translators-tree")
