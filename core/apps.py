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

        from django.db.models.signals import post_save
        from wagtail.images import get_image_model

        from .renditions import queue_prerender_on_upload

        post_save.connect(queue_prerender_on_upload, sender=get_image_model(), dispatch_uid="prerender_on_upload")
