from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every other app builds on; it imports none of them."""

    name = "core"
    verbose_name = "Core"
