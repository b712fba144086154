"""The registry of the site's content types: one definition read by every part that names them.

A content type is a page model that the site's surfaces know by a stable
name: the search API's ``type`` parameter and its facets, the interchange
format's ``type`` (import, export, validation), what collections can list, the
labels of search results, and where the import and the demo loader place new
pages. Each page model declares, in its own class body, either its entry::

    registry_entry = ContentTypeEntry(
        name="organisation",
        section_title=gettext_noop("Organisations"),
        import_fields=(ImportField("city", FieldKind.TEXT, translatable=True), ...),
    )

or ``registry_entry = None``, for a page that is no content type of its own
(a home page, a form, a collection). Declarations are read from the class's
own body, never inherited: a subclass must choose its own name, or none.

This module imports no feature app: they declare, core reads (the
dependencies run one way). The entries are collected from Wagtail's page
models the first time they are asked for, after every app is loaded.

What an entry does not repeat: its model's labels (``verbose_name`` and
``verbose_name_plural``, unless the entry names others), and its section: the
first of the model's ``parent_page_types``. Content placed under the site's
home page (its section is the root page's type) has no section page of its own.
"""

from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cache

from django.utils.text import capfirst


class FieldKind(StrEnum):
    """What a field of the import schema holds, which says how it is checked, read and written."""

    #: One line of text (the model field's ``max_length`` applies).
    TEXT = "text"
    #: One of the model field's ``choices``.
    CHOICE = "choice"
    #: An ISO 3166-1 alpha-2 country code.
    COUNTRY = "country"
    #: An http(s) URL.
    URL = "url"
    EMAIL = "email"
    #: A year (a positive whole number).
    YEAR = "year"
    #: ``YYYY`` or ``YYYY-MM-DD``: a year, with the full date when it is known.
    YEAR_OR_DATE = "year_or_date"
    #: ``YYYY-MM-DD``.
    DATE = "date"
    #: An ISO 8601 date-time with a UTC offset; the page keeps the zone it was given in.
    DATETIME = "datetime"
    #: A positive whole number.
    POSITIVE_INT = "positive_int"
    #: The id of an item of the ``target`` type (a foreign key of the page).
    REFERENCE = "reference"
    #: A list of ids of items of the ``target`` type (the ordered links of the page's ``relation``).
    REFERENCES = "references"
    #: An iCalendar recurrence rule: an RFC 5545 RRULE value (``FREQ=WEEKLY;BYDAY=TU``), read in the
    #: zone of the type's ``DATETIME`` fields; its field's ``canonical`` gives the form the page keeps.
    RECURRENCE = "recurrence"
    #: A list of ``YYYY-MM-DD`` dates, each once (a set: kept and written in date order).
    DATES = "dates"


@dataclass(frozen=True)
class ImportField:
    """One field a type adds to the interchange format's common fields (``docs/content-format.md``)."""

    name: str
    kind: FieldKind
    #: The model field it sets, when its name differs (its length, choices and validators apply).
    model_field: str = ""
    #: Given by each translation in its own language (else copied from the source).
    translatable: bool = False
    #: A source line must give it: the page cannot exist without it.
    required: bool = False
    #: For references: the type name of the items referred to.
    target: str = ""
    #: For a list of references: the page's child relation (ParentalKey ``related_name``) holding the links.
    relation: str = ""
    #: The model field that keeps the full date of a ``YEAR_OR_DATE`` field (``model_field`` keeps the year).
    date_field: str = ""
    #: For a ``RECURRENCE`` field: ``canonical(text, tzinfo)``, the model's own form of a valid rule,
    #: which the page keeps and the export writes (so that a re-import of an export changes nothing).
    canonical: object = field(default=None, compare=False)
    #: The field this one means nothing without: a line giving this one must give that one too.
    needs: str = ""

    @property
    def attribute(self):
        """The model field (or relation) this field is kept in."""
        return self.relation or self.model_field or self.name


@dataclass(frozen=True)
class ContentTypeEntry:
    """A content type: its stable name and what the surfaces need to know of it."""

    name: str
    #: The fields of the interchange format this type adds to the common ones, in export order.
    import_fields: tuple = ()
    #: Title (marked with ``gettext_noop``) of the section page created when the type's section is missing.
    section_title: str = ""
    #: Offered as a type of search (the API's ``type``, the result page's facets).
    searchable: bool = True
    #: The name of every page model without an entry, in search: this entry's model and all the others.
    covers_other_pages: bool = False
    #: Labels, when not the model's own ``verbose_name`` and ``verbose_name_plural``.
    label: str = ""
    label_plural: str = ""
    #: Set when the registry reads the declaration.
    model: type = field(default=None, compare=False)

    @property
    def verbose_name(self):
        return self.label or self.model._meta.verbose_name

    @property
    def verbose_name_plural(self):
        return self.label_plural or self.model._meta.verbose_name_plural

    @property
    def display_label(self):
        """The label as a heading or badge shows it ("Heritage project"), in the active language."""
        return capfirst(self.verbose_name)

    @property
    def section_model(self):
        """The page model its pages are placed under: the first of its ``parent_page_types``."""
        return self.model.allowed_parent_page_models()[0]

    def import_field(self, name):
        """The :class:`ImportField` called ``name``, or None."""
        return next((import_field for import_field in self.import_fields if import_field.name == name), None)

    @property
    def translatable_fields(self):
        return tuple(item.name for item in self.import_fields if item.translatable)

    @property
    def required_fields(self):
        return tuple(item.name for item in self.import_fields if item.required)

    @property
    def reference_fields(self):
        return tuple(item for item in self.import_fields if item.kind in (FieldKind.REFERENCE, FieldKind.REFERENCES))

    @property
    def reads_referenced_pages(self):
        """Whether its model's validation reads a page it refers to (a foreign key), which must be written first."""
        return any(item.kind == FieldKind.REFERENCE for item in self.import_fields)


class UnknownContentType(LookupError):
    """A name or a model that no entry of the registry has."""


class ContentTypeRegistry:
    """The entries declared by the page models, in the order of Django's app registry."""

    def __init__(self, entries):
        self.entries = tuple(entries)
        self.by_name = {entry.name: entry for entry in self.entries}
        self.by_model = {entry.model: entry for entry in self.entries}
        if len(self.by_name) != len(self.entries):
            names = [entry.name for entry in self.entries]
            raise ValueError(f"Content type names declared twice: {sorted({n for n in names if names.count(n) > 1})}")

    def __iter__(self):
        return iter(self.entries)

    def names(self):
        return [entry.name for entry in self.entries]

    def get(self, name):
        try:
            return self.by_name[name]
        except KeyError:
            raise UnknownContentType(name) from None

    def for_model(self, model):
        """The entry of ``model`` (a page class), or :class:`UnknownContentType`."""
        try:
            return self.by_model[model]
        except KeyError:
            raise UnknownContentType(model) from None

    def name_of(self, page):
        """The type name of ``page`` (a specific page), or :class:`UnknownContentType`."""
        return self.for_model(type(page)).name

    def models(self):
        return [entry.model for entry in self.entries]

    def searchable(self):
        return [entry for entry in self.entries if entry.searchable]

    def other_pages_entry(self):
        """The entry that names, in search, every page model without an entry of its own."""
        return next(entry for entry in self.entries if entry.covers_other_pages)

    def section_of(self, model):
        """The section model ``model``'s pages go under; a model without an entry is its own section."""
        entry = self.by_model.get(model)
        return entry.section_model if entry else model

    def section_title(self, section_model):
        """The title of a new ``section_model`` page (untranslated), or None when no type lives in it."""
        return next((e.section_title for e in self.entries if e.section_model is section_model), None)


REGISTRY_ATTRIBUTE = "registry_entry"


def declared_entry(model):
    """``(declared, entry)``: whether ``model``'s own body declares ``registry_entry``, and its entry."""
    own = vars(model)
    return REGISTRY_ATTRIBUTE in own, own.get(REGISTRY_ATTRIBUTE)


@cache
def content_types():
    """The :class:`ContentTypeRegistry` of the site's page models (read once, after the apps are loaded)."""
    from wagtail.models import get_page_models

    entries = []
    for model in get_page_models():
        _declared, entry = declared_entry(model)
        if entry is not None:
            entries.append(replace(entry, model=model))
    # Types others refer to come first (a file read from the top meets an
    # organisation before the lines naming it), the other pages' entry last;
    # otherwise the order of the app registry.
    referenced = {reference.target for entry in entries for reference in entry.reference_fields}
    entries.sort(key=lambda entry: (entry.covers_other_pages, entry.name not in referenced))
    return ContentTypeRegistry(entries)


def type_label(name):
    """The display label of the type called ``name``; an unknown name gets that of the other pages."""
    registry = content_types()
    entry = registry.by_name.get(name) or registry.other_pages_entry()
    return entry.display_label
