from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JubileesConfig(AppConfig):
    """Organisations' anniversary celebrations: pages, coming round anniversaries, the planning panel."""

    name = "jubilees"
    verbose_name = _("Jubilees")
