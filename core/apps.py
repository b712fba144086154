from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every other app builds on; it imports none of them."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from .cache import connect_content_signals

        # Caches of what visitors see follow the content's version (core.cache).
        connect_content_signals()

        # The page cache (and a frontend cache) are purged on the same changes (core/cache_purge.py).
        from .cache_purge import connect_purge_signals

        connect_purge_signals()
