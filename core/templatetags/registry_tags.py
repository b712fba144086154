"""Template access to the registry of content types (:mod:`core.registry`)."""

from django import template

from core.registry import type_label as registry_type_label

register = template.Library()


@register.filter
def type_label(name):
    """The display label of the content type called ``name`` ("Heritage project"), in the active language;
    a name the registry does not know gets that of the other pages."""
    return registry_type_label(name)
