from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslatorPreferences(models.Model):
    """A translator's choices about the e-mail their translation work sends them (on by default)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="translator_preferences"
    )
    translation_work_emails = models.BooleanField(
        _("e-mail me about translation work"),
        default=True,
        help_text=_(
            "Pages submitted for translation into your languages, and source pages changed after their translation."
        ),
    )

    class Meta:
        verbose_name = _("translator preferences")
        verbose_name_plural = _("translator preferences")

    def __str__(self):
        return str(self.user)
