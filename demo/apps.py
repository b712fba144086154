from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo site and its loader (``manage.py load_demo``): the top of the dependency graph.

    It may use every other app (the interchange import, the home and section
    pages, the feature models); nothing imports it.
    """

    name = "demo"
    verbose_name = _("Demo")
