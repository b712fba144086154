"""The page types of the interchange format and how to find their pages by id.

Shared by validation (does a referenced id exist on the site, with which
type?), the importer (which page does a line update?) and the exporter.
"""

import re
from itertools import islice

from events.models import EventPage
from heritage.models import HeritageProjectPage
from home.models import StandardPage
from organisations.models import JubileePage, OrganisationPage

TYPE_MODELS = {
    "organisation": OrganisationPage,
    "heritage_project": HeritageProjectPage,
    "jubilee": JubileePage,
    "event": EventPage,
    "page": StandardPage,
}
MODEL_TYPES = {model: type_name for type_name, model in TYPE_MODELS.items()}

#: Pages made in the admin have no external id; the export gives them one derived
#: from their translation key (shared by all translations, stable across exports),
#: which an import of that export resolves back to the same pages.
GENERATED_ID = re.compile(r"^(?P<type>[a-z-]+)-(?P<key>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")

QUERY_CHUNK = 500


def type_of(page):
    return MODEL_TYPES[type(page)]


def external_id_of(page):
    """The page's interchange id: its ``external_id``, or one generated from its translation key."""
    if page.external_id:
        return page.external_id
    return f"{type_of(page).replace('_', '-')}-{page.translation_key}"


def _chunks(values, size=QUERY_CHUNK):
    iterator = iter(values)
    while chunk := list(islice(iterator, size)):
        yield chunk


def pages_with_ids(ids, models=None):
    """Every page (all locales) of the interchange types whose interchange id is in ``ids``.

    Yields specific pages; runs a few queries per 500 ids, whatever the number of pages.
    """
    ids = set(ids)
    generated_keys = {}
    for external_id in ids:
        match = GENERATED_ID.match(external_id)
        if match:
            generated_keys[match["key"]] = external_id
    for model in models or TYPE_MODELS.values():
        for chunk in _chunks(ids):
            yield from model.objects.filter(external_id__in=chunk).select_related("locale")
        for chunk in _chunks(generated_keys):
            yield from model.objects.filter(translation_key__in=chunk, external_id="").select_related("locale")
