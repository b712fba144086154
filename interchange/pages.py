"""The page types of the interchange format and how to find their pages by id.

The types are the registry's (:mod:`core.registry`): a type name is the
``type`` of a line, its model the pages it makes. Shared by validation (does a
referenced id exist on the site, with which type?), the importer (which page
does a line update?) and the exporter.
"""

import re
from dataclasses import dataclass, field
from itertools import islice

from wagtail.models import Locale, Page, Site
from wagtail_localize.models import TranslationSource

from core.registry import content_types

#: Pages made in the admin have no external id; the export gives them one derived
#: from their translation key (shared by all translations, stable across exports),
#: which an import of that export resolves back to the same pages.
GENERATED_ID = re.compile(r"^(?P<type>[a-z-]+)-(?P<key>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")

QUERY_CHUNK = 500


def type_of(page):
    """The type name of a specific page of one of the registry's models."""
    return content_types().name_of(page)


def model_of(type_name):
    """The page model of the type called ``type_name``."""
    return content_types().get(type_name).model


def is_interchange_model(model):
    return model in content_types().by_model


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
    for model in models or content_types().models():
        for chunk in _chunks(ids):
            yield from model.objects.filter(external_id__in=chunk).select_related("locale")
        for chunk in _chunks(generated_keys):
            yield from model.objects.filter(translation_key__in=chunk, external_id="").select_related("locale")


@dataclass(frozen=True)
class SitePage:
    """What validation needs of one page on the site: where it is and its slug."""

    pk: int
    slug: str
    path: str
    depth: int

    @property
    def parent_path(self):
        return self.path[: -Page.steplen]


@dataclass
class SiteItem:
    """An interchange id on the site: its type, its source's locale and its page in each locale."""

    type: str
    source_locale: str
    pages: dict = field(default_factory=dict)

    @property
    def source(self):
        return self.pages[self.source_locale]


def _site_rows(ids):
    """``(type name, external id, pk, slug, path, depth, language code, translation key)`` of every
    page (all locales) of the interchange types whose interchange id is in ``ids``.

    Rows rather than pages: validation and the importer need only these columns,
    and building page instances would be most of the cost of a large file.
    """
    ids = set(ids)
    generated_keys = {}
    for external_id in ids:
        match = GENERATED_ID.match(external_id)
        if match:
            generated_keys[match["key"]] = external_id
    columns = ("external_id", "pk", "slug", "path", "depth", "locale__language_code", "translation_key")
    for entry in content_types():
        rows = entry.model.objects.values_list(*columns)
        for chunk in _chunks(ids):
            for row in rows.filter(external_id__in=chunk):
                yield (entry.name, *row)
        for chunk in _chunks(generated_keys):
            for external_id, *rest in rows.filter(translation_key__in=chunk, external_id=""):
                yield (entry.name, external_id or f"{entry.name.replace('_', '-')}-{rest[-1]}", *rest)


def site_items(ids):
    """``{id: SiteItem}`` for the ids of ``ids`` that are on the site.

    The source is the page wagtail-localize translates the others from; a page
    never translated is its own source (the oldest one when several share an id
    without any translation record).
    """
    rows_by_id = {}
    for row in _site_rows(ids):
        rows_by_id.setdefault(row[1], []).append(row)
    keys = {row[7] for rows in rows_by_id.values() for row in rows}
    source_locales = {
        str(object_id): language_code
        for object_id, language_code in TranslationSource.objects.filter(object_id__in=keys).values_list(
            "object_id", "locale__language_code"
        )
    }
    items = {}
    for item_id, rows in rows_by_id.items():
        rows.sort(key=lambda row: row[2])
        by_locale = {}
        for _type, _id, pk, slug, path, depth, language_code, _key in rows:
            by_locale.setdefault(language_code, SitePage(pk, slug, path, depth))
        item_type, _id, _pk, _slug, _path, _depth, first_locale, first_key = rows[0]
        source_locale = source_locales.get(str(first_key))
        if source_locale not in by_locale:
            source_locale = first_locale
        items[item_id] = SiteItem(item_type, source_locale, by_locale)
    return items


def existing_section(item_type, language_code):
    """The page that items of ``item_type`` in ``language_code`` go under by default, if it exists.

    Reads what :func:`home.sections.get_section` would find, without creating
    anything: None when the import would create it (then it has no children).
    """
    english_home = Site.objects.get(is_default_site=True).root_page
    if english_home.locale.language_code == language_code:
        home = english_home
    else:
        home = english_home.get_translation_or_none(Locale.objects.get(language_code=language_code))
    if home is None:
        return None
    section_model = content_types().get(item_type).section_model
    if section_model is home.specific_class:
        return home
    return section_model.objects.child_of(home).first()
