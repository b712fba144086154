"""What the visitor forms (form pages, event registration) tell about the personal data sent."""

from django import template

from forms.retention import retention_days as configured_retention_days

register = template.Library()


@register.simple_tag
def retention_days():
    """How many days visitors' submissions and registrations are kept (``FORM_SUBMISSION_RETENTION_DAYS``)."""
    return configured_retention_days()
