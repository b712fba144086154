"""The visitor's side of a form page: its fields, a honeypot, and limits on what is typed.

Wagtail's form builder makes one Django field per field an editor adds. This
one adds what a public form needs on top:

- a honeypot field, hidden from people (and from screen readers) but filled
  in by bots that fill in every field: a submission with it filled is
  discarded (see ``FormPage.serve``);
- a length limit on multi-line text (Wagtail sets none), and control
  characters refused in any text, with an error next to the field.
"""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

#: The honeypot's name: an address field is what a bot fills in gladly.
HONEYPOT_FIELD = "website_address"
MULTILINE_MAX_LENGTH = 5000
#: Tab, line feed and carriage return are text; other control characters are not.
ALLOWED_CONTROL_CHARACTERS = {"\t", "\n", "\r"}


def reject_control_characters(value):
    if isinstance(value, str) and any(
        unicodedata.category(char) == "Cc" and char not in ALLOWED_CONTROL_CHARACTERS for char in value
    ):
        raise ValidationError(_("Remove the control characters from this text."), code="control_characters")


class VisitorForm(BaseForm):
    """The form a visitor fills in: the editor's fields and the honeypot."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.validators.append(reject_control_characters)

    @property
    def person_fields(self):
        """The bound fields people see and fill in (everything but the honeypot)."""
        return [field for field in self if field.name != HONEYPOT_FIELD]

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]

    def submitted_data(self):
        """What is stored and sent: the cleaned values of the editor's fields."""
        return {name: value for name, value in self.cleaned_data.items() if name != HONEYPOT_FIELD}


class VisitorFormBuilder(FormBuilder):
    def create_multiline_field(self, field, options):
        options["max_length"] = MULTILINE_MAX_LENGTH
        return super().create_multiline_field(field, options)

    @property
    def formfields(self):
        fields = super().formfields
        fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        return fields

    def get_form_class(self):
        return type("VisitorForm", (VisitorForm,), self.formfields)
