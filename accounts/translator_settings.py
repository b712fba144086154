"""The translator's own choices in their account settings (Account → Notifications)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab

from .models import TranslatorPreferences
from .translator_groups import is_translator


class TranslatorPreferencesForm(forms.ModelForm):
    class Meta:
        model = TranslatorPreferences
        fields = ["translation_work_emails"]


class TranslatorNotificationsPanel(BaseSettingsPanel):
    """Shown to translators only: whether translation work is e-mailed to them."""

    name = "translator_notifications"
    title = _("Translation work")
    tab = notifications_tab
    order = 110
    form_class = TranslatorPreferencesForm

    def is_active(self):
        return is_translator(self.user)

    def get_form(self):
        # Unsaved until the translator saves the form: reading the settings writes nothing.
        instance = TranslatorPreferences.objects.filter(user=self.user).first() or TranslatorPreferences(user=self.user)
        if self.request.method == "POST":
            return self.form_class(self.request.POST, instance=instance, prefix=self.name)
        return self.form_class(instance=instance, prefix=self.name)


def wants_translation_emails(users):
    """``users`` (a queryset) without those who turned translation e-mail off."""
    return users.exclude(translator_preferences__translation_work_emails=False)
