from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every other app builds on; it imports none of them."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        # One listener for every change visitors see: it moves the content
        # version on (core.cache) and purges the page and frontend caches.
        from .cache_purge import connect_purge_signals

        connect_purge_signals()
