"""What a search looks at: the pages a visitor may see, in the language and
of the types asked for.

What may be seen is :mod:`core.visibility`'s one rule; this module narrows it
by the search's parameters and names the pages' types.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page

from core import visibility
from search.analysis import locale_of_language
from search.service.parameters import other_type, typed_models


def visible_pages(site):
    """Pages a visitor may see on ``site`` (:mod:`core.visibility`); none without a site.
    Every search surface starts from this queryset, which a search backend can
    filter on (expiry by page id)."""
    if site is None:
        return Page.objects.none()
    return visibility.visible_pages(Page.objects.all(), site, expiry_by_id=True)


def in_language(pages, language_code):
    """Pages in ``language_code`` (all when it is empty).

    Filters on the locale itself: search backends filter on indexed fields
    (``locale`` is one), not on lookups across relations.
    """
    if not language_code:
        return pages
    locale_id = locale_of_language(language_code)
    return pages.none() if locale_id is None else pages.filter(locale_id=locale_id)


def _type_content_types():
    """``{type name: content type id}`` of the typed page models (content types are cached by Django)."""
    return {
        name: ContentType.objects.get_for_model(model, for_concrete_model=False).pk
        for name, model in typed_models().items()
    }


def type_namer():
    """A function from a content type id to its API type name (``page`` for the untyped)."""
    names = {pk: name for name, pk in _type_content_types().items()}
    other = other_type()
    return lambda content_type_id: names.get(content_type_id, other)


def filter_types(pages, types):
    """Pages of the API ``types`` (all when none are given)."""
    if not types:
        return pages
    content_types = _type_content_types()
    other = other_type()
    condition = Q(content_type_id__in=[content_types[name] for name in types if name != other])
    if other in types:
        condition |= ~Q(content_type_id__in=content_types.values())
    return pages.filter(condition)
