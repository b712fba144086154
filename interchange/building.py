"""A page's fields from an interchange line, and the model's verdict on them.

The importer fills pages with :func:`assign_fields`; the validator fills an
unsaved page of the same model with that same function and asks the model's
own validation (:func:`model_problems`): a line that the model would refuse
at import is refused at validation, with its line number and field, so the
two cannot drift apart.

Which model field each item field sets, and how, is the registry's import
schema (:class:`core.registry.ImportField`): by the field's kind.
"""

import datetime
from html import escape

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from wagtail.rich_text import RichText

from core.registry import FieldKind, content_types

from .checks import founded_year_of, parse_date, parse_datetime
from .item_values import format_datetime, time_zone_for, tzinfo_for
from .pages import model_of

#: Model fields every line sets; a type's fields add theirs (the others: place
#: in the tree, revisions, owner, are the importer's business, and foreign keys
#: are checked as references).
COMMON_MODEL_FIELDS = {"title", "draft_title", "slug", "summary", "body", "external_id"}

#: The line's name of a model field, where they differ (a type's fields add theirs).
COMMON_ITEM_FIELD_OF = {"draft_title": "title", "external_id": "id", NON_FIELD_ERRORS: "line"}

#: The model field that keeps the zone a ``DATETIME`` field was given in.
TIME_ZONE_FIELD = "time_zone"


def item_field_of(model, model_field_name):
    """The line's field that sets ``model_field_name`` of ``model`` (for a model's error)."""
    if model_field_name in COMMON_ITEM_FIELD_OF:
        return COMMON_ITEM_FIELD_OF[model_field_name]
    entry = content_types().by_model.get(model)
    for field in entry.import_fields if entry else ():
        if model_field_name in _model_fields_of(field):
            return field.name
    return model_field_name


def _model_fields_of(field):
    """The model fields a type's import field sets."""
    if field.kind in (FieldKind.REFERENCE, FieldKind.REFERENCES):
        return set()
    names = {field.model_field or field.name}
    if field.date_field:
        names.add(field.date_field)
    if field.kind == FieldKind.DATETIME:
        names.add(TIME_ZONE_FIELD)
    return names


def anniversary_for(item, founded_year):
    """The jubilee's anniversary: the line's, or derived from the organisation's founding year."""
    if "anniversary" in item:
        return item["anniversary"]
    year = parse_date(item["date"]).year
    return year - founded_year if founded_year and year > founded_year else None


def paragraph_blocks(texts):
    return [("paragraph", RichText(f"<p>{escape(text)}</p>")) for text in texts]


def _default(page, name):
    return page._meta.get_field(name).get_default()


def _assign(page, field, item):
    """Set the model field(s) of ``page`` that the type's ``field`` describes, from ``item``."""
    name, value = field.model_field or field.name, item.get(field.name)
    if field.kind == FieldKind.YEAR_OR_DATE:
        setattr(page, field.date_field, parse_date(value) if value else None)
        setattr(page, name, founded_year_of(value) if value else None)
    elif field.kind == FieldKind.DATE:
        setattr(page, name, parse_date(value) if value else None)
    elif field.kind in (FieldKind.YEAR, FieldKind.POSITIVE_INT):
        setattr(page, name, value)
    elif field.kind == FieldKind.CHOICE:
        setattr(page, name, _default(page, name) if value is None else value)
    elif field.kind == FieldKind.DATES:
        setattr(page, name, kept_value(field, value, None) if value else [])
    else:
        setattr(page, name, "" if value is None else value)


def _assign_times(page, item, fields):
    """``DATETIME`` fields, kept in the zone (or fixed offset) they were given in; return that zone."""
    moments = [parse_datetime(item[field.name]) for field in fields]
    for field, moment in zip(fields, moments, strict=True):
        setattr(page, field.model_field or field.name, moment)
    page.time_zone = time_zone_for(*moments)
    return tzinfo_for(*moments)


def kept_value(field, value, tzinfo):
    """The form the page keeps, and the export writes, of the valid ``value`` of a ``RECURRENCE`` or ``DATES`` field.

    ``tzinfo``: the zone of the line's times, in which a rule's dates are read.
    """
    if field.kind == FieldKind.DATES:
        return sorted(value)  # YYYY-MM-DD: the text's order is the dates' order
    text = value.strip()
    return field.canonical(text, tzinfo) if field.canonical and text else text


def kept_values(item):
    """The source line's times, rules and date lists as its page keeps them and the export writes them."""
    entry = content_types().get(item["type"])
    times = [field for field in entry.import_fields if field.kind == FieldKind.DATETIME]
    kept, tzinfo = {}, datetime.UTC
    if times:
        moments = [parse_datetime(item[field.name]) for field in times]
        tzinfo = tzinfo_for(*moments)
        kept.update((field.name, format_datetime(moment, tzinfo)) for field, moment in zip(times, moments, strict=True))
    for field in entry.import_fields:
        if field.kind in (FieldKind.RECURRENCE, FieldKind.DATES) and item.get(field.name):
            kept[field.name] = kept_value(field, item[field.name], tzinfo)
    return kept


def assign_fields(page, item, anniversary=None):
    """Set the fields of ``page`` that the source line ``item`` describes (no relations).

    ``anniversary`` is the one the importer derived, for a type with that field.
    """
    page.title = item["title"]
    page.summary = item.get("summary", "")
    page.body = paragraph_blocks(item.get("body", []))
    entry = content_types().get(item["type"])
    times, rules = [], []
    for field in entry.import_fields:
        if field.kind in (FieldKind.REFERENCE, FieldKind.REFERENCES):
            continue
        if field.kind == FieldKind.DATETIME:
            times.append(field)
        elif field.kind == FieldKind.RECURRENCE:
            rules.append(field)  # read in the zone of the times
        elif field.name == "anniversary":
            page.anniversary = anniversary
        else:
            _assign(page, field, item)
    tzinfo = _assign_times(page, item, times) if times else datetime.UTC
    for field in rules:
        setattr(page, field.model_field or field.name, kept_value(field, item.get(field.name) or "", tzinfo))


def stand_in(item_type, source):
    """An unsaved page standing for an item of the file (``source``: its line), for a page referring to it.

    The model's validation of the referring page (a jubilee's ``clean``) asks
    whether it has its page (by key) and reads its fields; an item of the file
    has no key before the import, so the stand-in carries one that no page
    has. Whether the reference exists is the validator's reference check.
    """
    page = model_of(item_type)()
    assign_fields(page, {**source, "type": item_type})
    page.pk = -1
    return page


def model_problems(item, referred=None):
    """``[(field, message)]``: what the page model's validation says of the source line ``item``.

    ``referred`` is the page (or stand-in) its ``REFERENCE`` field names, for a
    type whose model validation reads it (a jubilee's organisation).
    """
    entry = content_types().get(item["type"])
    model = entry.model
    page = model(external_id=item["id"], slug=item.get("slug", ""))
    anniversary = None
    if referred is not None:
        (reference,) = (field for field in entry.import_fields if field.kind == FieldKind.REFERENCE)
        setattr(page, reference.attribute, referred)
        anniversary = anniversary_for(item, referred.founded_year) if entry.import_field("anniversary") else None
    assign_fields(page, item, anniversary)
    page.draft_title = page.title
    checked = set(COMMON_MODEL_FIELDS)
    for field in entry.import_fields:
        # A country is checked by the format (checks._check_country) against the very list the
        # model field's choices hold; the field's own check rebuilds that list on every call.
        if field.kind != FieldKind.COUNTRY:
            checked |= _model_fields_of(field)
    if not page.slug:
        checked.discard("slug")
    errors = {}
    try:
        page.clean_fields(exclude=[field.name for field in model._meta.fields if field.name not in checked])
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    try:
        page.clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    problems = []
    for name, messages in errors.items():
        for message in ValidationError(messages).messages:
            problems.append((item_field_of(model, name), message))
    return problems
