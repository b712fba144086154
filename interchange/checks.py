"""The rules of single values and lines of the interchange format (``docs/content-format.md``).

Each check returns an error message, or None when the value is fine. Text goes
through the page's own character rule (:func:`core.validators.text_problem`),
and the sizes documented in the format are enforced here, before any page is
built: a line, a title, a summary, each paragraph.

The fields of every item are the format's own; the fields of each type, their
kinds, and the model fields they set are the registry's
(:class:`core.registry.ImportField`): a type field's length, choices and
validators are its model field's.
"""

import datetime
import re
from functools import cache

from django.core.exceptions import ValidationError
from django.core.validators import validate_unicode_slug
from django_countries import countries

from core.languages import language_codes
from core.registry import FieldKind, content_types
from core.validators import text_problem

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ID_MAX_LENGTH = 100
TITLE_MAX_LENGTH = 255
SUMMARY_MAX_LENGTH = 1000
TEXT_MAX_LENGTH = 255
TAG_MAX_LENGTH = 100
SMALL_INT_MAX = 32767
#: Sizes beyond which a line is refused (documented in docs/content-format.md):
#: far above any real text, low enough that no visitor surface (search
#: snippets, feeds, pages) has to read megabytes for one page.
PARAGRAPH_MAX_LENGTH = 20_000
PARAGRAPHS_MAX = 500
TAGS_MAX = 50
#: Dates of a ``DATES`` field (an event's exception dates): years of a weekly rule's holidays.
DATES_MAX = 1000
#: Event times are kept within a day of what Python and the databases can
#: hold, so that showing them in any time zone stays a valid date.
EARLIEST_MOMENT = datetime.datetime(1, 1, 2, tzinfo=datetime.UTC)
LATEST_MOMENT = datetime.datetime(9999, 12, 30, 23, 59, 59, tzinfo=datetime.UTC)
STATUSES = ("live", "draft", "private")

#: The fields of every item, whatever its type.
COMMON_FIELDS = ("id", "type", "locale", "title", "slug", "summary", "body", "tags", "status", "parent")
#: Those of the common fields a translation gives in its own language.
COMMON_TRANSLATABLE_FIELDS = ("title", "slug", "summary", "body", "tags")
#: Those a translation carries only as a translation of the source's text.
COMMON_TEXT_NEEDING_SOURCE = ("summary", "body")
#: Fields that say which page a line is, not what it holds.
IDENTITY_FIELDS = ("id", "type", "locale")


def content_languages():
    return language_codes()


def type_names():
    return content_types().names()


def entry_of(item_type):
    """The registry's entry of ``item_type``, or None for an unknown type."""
    return content_types().by_name.get(item_type) if isinstance(item_type, str) else None


def allowed_fields(item_type):
    entry = entry_of(item_type)
    return COMMON_FIELDS + tuple(field.name for field in entry.import_fields) if entry else COMMON_FIELDS


def translatable_fields(item_type):
    """The fields a translation line of ``item_type`` may give in its own language."""
    entry = entry_of(item_type)
    return COMMON_TRANSLATABLE_FIELDS + (entry.translatable_fields if entry else ())


def text_needing_source(item_type):
    """The fields a translation carries only as a translation of its source's text."""
    entry = entry_of(item_type)
    return COMMON_TEXT_NEEDING_SOURCE + (entry.translatable_fields if entry else ())


def references(item_type):
    """``[(field name, target type, many)]``: the fields of ``item_type`` that refer to other items.

    Every item may name a ``parent``: an item of the type that stands for all other pages.
    """
    found = [("parent", content_types().other_pages_entry().name, False)]
    entry = entry_of(item_type)
    for field in entry.reference_fields if entry else ():
        found.append((field.name, field.target, field.kind == FieldKind.REFERENCES))
    return found


# Value checks: each returns an error message, or None when the value is fine.


def _check_string(value, max_length, *, required=False, multiline=False):
    if not isinstance(value, str):
        return "must be a string"
    if required and not value.strip():
        return "must not be empty"
    if len(value) > max_length:
        return f"is {len(value)} characters long; at most {max_length} allowed"
    return text_problem(value, multiline=multiline)


def _check_id(value):
    if not isinstance(value, str):
        return "must be a string"
    if len(value) > ID_MAX_LENGTH:
        return f"is {len(value)} characters long; at most {ID_MAX_LENGTH} allowed"
    if not ID_PATTERN.match(value):
        return f"{value!r} must match [a-z0-9][a-z0-9-]*"
    return None


def _check_choice(value, choices):
    if value not in choices:
        return f"{value!r} is not one of {', '.join(choices)}"
    return None


def _check_slug(value):
    error = _check_string(value, TEXT_MAX_LENGTH, required=True)
    if error:
        return error
    try:
        validate_unicode_slug(value)
    except ValidationError:
        return f"{value!r} is not a slug (letters, digits, hyphens, underscores)"
    return None


def _check_paragraphs(value):
    if not isinstance(value, list):
        return "must be a list of paragraphs"
    if len(value) > PARAGRAPHS_MAX:
        return f"has {len(value)} paragraphs; at most {PARAGRAPHS_MAX} allowed"
    for number, paragraph in enumerate(value, start=1):
        if not isinstance(paragraph, str) or not paragraph.strip():
            return "every paragraph must be a non-empty string"
        error = _check_string(paragraph, PARAGRAPH_MAX_LENGTH, multiline=True)
        if error:
            return f"paragraph {number} {error}"
    return None


def _check_tags(value):
    if not isinstance(value, list):
        return "must be a list of strings"
    if len(value) > TAGS_MAX:
        return f"has {len(value)} tags; at most {TAGS_MAX} allowed"
    for tag in value:
        if not isinstance(tag, str) or not tag.strip():
            return "every tag must be a non-empty string"
        if len(tag) > TAG_MAX_LENGTH:
            return f"tag {tag[:20]!r}... is longer than {TAG_MAX_LENGTH} characters"
        error = text_problem(tag)
        if error:
            return f"tag {error}"
    if len({tag.casefold() for tag in value}) != len(value):
        return "lists a tag twice"
    return None


def parse_date(value):
    """A ``YYYY-MM-DD`` string as a date, or None."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _check_date(value):
    return None if parse_date(value) else f"{_shown(value)} is not a date (YYYY-MM-DD)"


def _shown(value):
    """``value`` as a message quotes it: its start only, when long."""
    shown = repr(value)
    return shown if len(shown) <= 40 else f"{shown[:36]}...{shown[-1]}"


def _check_dates(value):
    if not isinstance(value, list):
        return "must be a list of dates (YYYY-MM-DD)"
    if len(value) > DATES_MAX:
        return f"has {len(value)} dates; at most {DATES_MAX} allowed"
    seen = set()
    for day in value:
        if not parse_date(day):
            return f"item {_shown(day)} is not a date (YYYY-MM-DD)"
        if day in seen:
            return f"lists {day} twice"
        seen.add(day)
    return None


def founded_year_of(value):
    """The year of a valid ``founded`` value (``YYYY`` or ``YYYY-MM-DD``), or None."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}", value) and int(value) > 0:
        return int(value)
    date = parse_date(value)
    return date.year if date else None


def _check_founded(value):
    return None if founded_year_of(value) else f"{value!r} is not a year (YYYY) or a date (YYYY-MM-DD)"


def parse_datetime(value):
    """An ISO 8601 date-time string with a UTC offset, as an aware datetime, or None.

    None too for a moment outside :data:`EARLIEST_MOMENT` .. :data:`LATEST_MOMENT`.
    """
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}T[\d:.,]+(Z|[+-]\d{2}:?\d{2})", value):
        return None
    try:
        parsed = datetime.datetime.fromisoformat(value)
        if parsed.utcoffset() is None or not EARLIEST_MOMENT <= parsed <= LATEST_MOMENT:
            return None
    except (ValueError, OverflowError):
        return None
    return parsed


def _check_datetime(value):
    if parse_datetime(value):
        return None
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}T[\d:.,]+(Z|[+-]\d{2}:?\d{2})", value):
        try:
            datetime.datetime.fromisoformat(value)
            return (
                f"{value!r} is out of range: between {EARLIEST_MOMENT.date().isoformat()} and"
                f" {LATEST_MOMENT.date().isoformat()} (UTC)"
            )
        except ValueError:
            pass
    return f"{value!r} is not an ISO 8601 date-time with a UTC offset (2017-03-18T20:00:00+01:00)"


def _check_year(model_field):
    """A whole number the database can hold, then the model field's own rules (no year 0)."""

    def check(value):
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= SMALL_INT_MAX:
            return "must be a positive whole number (a year)"
        try:
            model_field.run_validators(value)
        except ValidationError as error:
            return " ".join(error.messages)
        return None

    return check


def _check_positive_int(value):
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= SMALL_INT_MAX:
        return "must be a positive whole number"
    return None


def _check_country(value):
    if not isinstance(value, str) or value not in countries:
        return f"{value!r} is not an ISO 3166-1 alpha-2 country code (upper case, e.g. BE)"
    return None


def _model_validation(model_field, value, what):
    """The model field's own validators (length, format) on ``value``."""
    try:
        model_field.run_validators(value)
    except ValidationError as error:
        if model_field.max_length and len(value) > model_field.max_length:
            return f"is {len(value)} characters long; at most {model_field.max_length} allowed"
        return f"{value!r} is not a valid {what} ({' '.join(error.messages)})"
    return None


def _check_by_model(model_field, what, *, required=True):
    def check(value):
        error = _check_string(value, model_field.max_length or SMALL_INT_MAX, required=required)
        return error or _model_validation(model_field, value, what)

    return check


def _check_reference(value):
    return _check_id(value)


def _check_reference_list(value):
    if not isinstance(value, list):
        return "must be a list of ids"
    for reference in value:
        error = _check_id(reference)
        if error:
            return f"item {error}"
    if len(set(value)) != len(value):
        return "lists an id twice"
    return None


#: Checks of the fields every item has.
COMMON_CHECKS = {
    "id": _check_id,
    "type": lambda value: _check_choice(value, type_names()),
    "locale": lambda value: _check_choice(value, content_languages()),
    "title": lambda value: _check_string(value, TITLE_MAX_LENGTH, required=True),
    "slug": _check_slug,
    "summary": lambda value: _check_string(value, SUMMARY_MAX_LENGTH, multiline=True),
    "body": _check_paragraphs,
    "tags": _check_tags,
    "status": lambda value: _check_choice(value, STATUSES),
    "parent": _check_reference,
}

#: Checks of each kind of type field that needs nothing of its model field.
KIND_CHECKS = {
    FieldKind.COUNTRY: _check_country,
    FieldKind.YEAR_OR_DATE: _check_founded,
    FieldKind.DATE: _check_date,
    FieldKind.DATES: _check_dates,
    FieldKind.DATETIME: _check_datetime,
    FieldKind.POSITIVE_INT: _check_positive_int,
    FieldKind.REFERENCE: _check_reference,
    FieldKind.REFERENCES: _check_reference_list,
}


@cache
def _type_field_check(model, field):
    """The check of a type's field: by its kind, with its model field's length, choices and validators."""
    if field.kind in KIND_CHECKS:
        return KIND_CHECKS[field.kind]
    model_field = model._meta.get_field(field.model_field or field.name)
    if field.kind == FieldKind.YEAR:
        return _check_year(model_field)
    if field.kind == FieldKind.CHOICE:
        values = tuple(str(value) for value, _label in model_field.flatchoices)
        return lambda value: _check_choice(value, values)
    if field.kind == FieldKind.TEXT:
        return _check_by_model(model_field, "text", required=False)
    if field.kind == FieldKind.RECURRENCE:
        return _check_by_model(model_field, "recurrence rule (RFC 5545 RRULE)", required=False)
    return _check_by_model(model_field, "URL" if field.kind == FieldKind.URL else "email address")


def missing_needed(item_type, item):
    """``[(field, message)]``: the fields of the line ``item`` given without the field they need."""
    entry = entry_of(item_type)
    return [
        (field.name, f"needs {field.needs}: give it on the same line, or leave {field.name} out")
        for field in (entry.import_fields if entry else ())
        if field.needs and item.get(field.name) not in (None, "", []) and item.get(field.needs) in (None, "", [])
    ]


def check_value(item_type, name, value):
    """The error of field ``name`` of an item of ``item_type`` holding ``value``, or None."""
    if name in COMMON_CHECKS:
        return COMMON_CHECKS[name](value)
    entry = entry_of(item_type)
    return _type_field_check(entry.model, entry.import_field(name))(value)
