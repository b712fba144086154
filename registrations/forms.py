"""The registration form: a name, an e-mail address, and the forms app's honeypot."""

from django import forms
from django.utils.translation import gettext_lazy as _

from forms.builder import HONEYPOT_FIELD, reject_control_characters


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        validators=[reject_control_characters],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send the confirmation there, with a link to cancel."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, **kwargs):
        # Ids of their own: the event page may hold other forms (search in the header).
        kwargs.setdefault("auto_id", "registration-%s")
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    @property
    def person_fields(self):
        return [self["name"], self["email"]]

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]

    @property
    def is_spam(self):
        return bool(self.data.get(HONEYPOT_FIELD))
