"""The rules of single values and lines of the interchange format (``docs/content-format.md``).

Each check returns an error message, or None when the value is fine. Text goes
through the page's own character rule (:func:`core.validators.text_problem`),
and the sizes documented in the format are enforced here, before any page is
built: a line, a title, a summary, each paragraph.
"""

import datetime
import json
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator, validate_unicode_slug
from django_countries import countries

from core.validators import text_problem
from events.models import EventCategory
from organisations.models import OrganisationKind

from .pages import TYPE_MODELS

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ID_MAX_LENGTH = 100
TITLE_MAX_LENGTH = 255
SUMMARY_MAX_LENGTH = 1000
TEXT_MAX_LENGTH = 255
TAG_MAX_LENGTH = 100
URL_MAX_LENGTH = 200
EMAIL_MAX_LENGTH = 254
SMALL_INT_MAX = 32767
#: Sizes beyond which a line is refused (documented in docs/content-format.md):
#: far above any real text, low enough that no visitor surface (search
#: snippets, feeds, pages) has to read megabytes for one page.
PARAGRAPH_MAX_LENGTH = 20_000
PARAGRAPHS_MAX = 500
TAGS_MAX = 50
LINE_MAX_BYTES = 1024 * 1024
#: Event times are kept within a day of what Python and the databases can
#: hold, so that showing them in any time zone stays a valid date.
EARLIEST_MOMENT = datetime.datetime(1, 1, 2, tzinfo=datetime.UTC)
LATEST_MOMENT = datetime.datetime(9999, 12, 30, 23, 59, 59, tzinfo=datetime.UTC)
STATUSES = ("live", "draft", "private")

COMMON_FIELDS = ("id", "type", "locale", "title", "slug", "summary", "body", "tags", "status", "parent")
TYPE_FIELDS = {
    "organisation": ("kind", "founded", "city", "country", "website", "email", "member_of"),
    "heritage_project": ("organisations", "start_year", "end_year", "place", "country"),
    "jubilee": ("organisation", "date", "anniversary"),
    "event": ("start", "end", "venue", "city", "country", "organisers", "category", "url"),
    "page": (),
}
TRANSLATABLE_FIELDS = {"title", "slug", "summary", "body", "tags", "city", "place", "venue"}
#: Fields a translation carries only as a translation of the source's text.
TEXT_NEEDING_SOURCE = ("summary", "body", "city", "place", "venue")
#: Reference fields: the type of item they point at, and whether they hold a list.
REFERENCES = {
    "member_of": ("organisation", True),
    "organisations": ("organisation", True),
    "organisers": ("organisation", True),
    "organisation": ("organisation", False),
    "parent": ("page", False),
}
#: Fields a source line of the type must give, as the page cannot exist without them.
REQUIRED_BY_TYPE = {"jubilee": ("organisation", "date"), "event": ("start", "end")}


def content_languages():
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


@dataclass(frozen=True, order=True)
class Problem:
    line: int
    field: str
    message: str

    def __str__(self):
        return f"line {self.line}: {self.field}: {self.message}"


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
    return None if parse_date(value) else f"{value!r} is not a date (YYYY-MM-DD)"


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


def _check_year(value):
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= SMALL_INT_MAX:
        return "must be a positive whole number (a year)"
    return None


def _check_positive_int(value):
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= SMALL_INT_MAX:
        return "must be a positive whole number"
    return None


def _check_country(value):
    if not isinstance(value, str) or value not in countries:
        return f"{value!r} is not an ISO 3166-1 alpha-2 country code (upper case, e.g. BE)"
    return None


def _check_with(validator, max_length, what):
    def check(value):
        error = _check_string(value, max_length, required=True)
        if error:
            return error
        try:
            validator(value)
        except ValidationError:
            return f"{value!r} is not a valid {what}"
        return None

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


VALUE_CHECKS = {
    "id": _check_id,
    "type": lambda value: _check_choice(value, tuple(TYPE_MODELS)),
    "locale": lambda value: _check_choice(value, content_languages()),
    "title": lambda value: _check_string(value, TITLE_MAX_LENGTH, required=True),
    "slug": _check_slug,
    "summary": lambda value: _check_string(value, SUMMARY_MAX_LENGTH, multiline=True),
    "body": _check_paragraphs,
    "tags": _check_tags,
    "status": lambda value: _check_choice(value, STATUSES),
    "parent": _check_reference,
    "kind": lambda value: _check_choice(value, tuple(OrganisationKind.values)),
    "founded": _check_founded,
    "city": lambda value: _check_string(value, TEXT_MAX_LENGTH),
    "place": lambda value: _check_string(value, TEXT_MAX_LENGTH),
    "venue": lambda value: _check_string(value, TEXT_MAX_LENGTH),
    "country": _check_country,
    "website": _check_with(URLValidator(schemes=["http", "https"]), URL_MAX_LENGTH, "http(s) URL"),
    "url": _check_with(URLValidator(schemes=["http", "https"]), URL_MAX_LENGTH, "http(s) URL"),
    "email": _check_with(EmailValidator(), EMAIL_MAX_LENGTH, "email address"),
    "member_of": _check_reference_list,
    "organisations": _check_reference_list,
    "organisers": _check_reference_list,
    "organisation": _check_reference,
    "start_year": _check_year,
    "end_year": _check_year,
    "date": _check_date,
    "anniversary": _check_positive_int,
    "start": _check_datetime,
    "end": _check_datetime,
    "category": lambda value: _check_choice(value, tuple(EventCategory.values)),
}


class LongLine:
    """Stands for a line longer than :data:`LINE_MAX_BYTES`, which is never held whole."""

    def __init__(self, size):
        self.size = size


def bounded_lines(stream, limit=LINE_MAX_BYTES):
    """The lines of a binary ``stream`` (line ends included), a :class:`LongLine` for each one beyond ``limit`` bytes."""
    while line := stream.readline(limit + 1):
        if len(line) <= limit:
            yield line
            continue
        size = len(line)
        if not line.endswith(b"\n"):
            while chunk := stream.readline(limit):
                size += len(chunk)
                if chunk.endswith(b"\n"):
                    break
        yield LongLine(size)


def open_lines(path):
    """The lines of the file at ``path`` (see :func:`bounded_lines`), the file closed at the end."""
    with open(path, "rb") as stream:
        yield from bounded_lines(stream)


def _size(raw):
    if isinstance(raw, LongLine):
        return raw.size
    return len(raw) if isinstance(raw, bytes) else len(raw.encode("utf-8", "surrogatepass"))


def read_lines(lines):
    """Yield ``(line_number, item, problem)`` for each non-blank line of ``lines`` (bytes or str).

    ``item`` is the decoded JSON object, or None with ``problem`` saying why not.
    """
    for number, raw in enumerate(lines, start=1):
        size = _size(raw)
        if isinstance(raw, LongLine) or size > LINE_MAX_BYTES:
            message = f"is {size:,} bytes long; at most {LINE_MAX_BYTES:,} allowed"
            yield number, None, Problem(number, "line", message)
            continue
        if isinstance(raw, bytes):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                yield number, None, Problem(number, "encoding", f"not UTF-8 text (byte {error.start + 1})")
                continue
        else:
            text = raw
        if number == 1:
            text = text.removeprefix("\ufeff")
        if not text.strip():
            continue
        try:
            item = json.loads(text)
        except (ValueError, RecursionError) as error:
            yield number, None, Problem(number, "json", f"invalid JSON ({str(error)[:120]})")
            continue
        if not isinstance(item, dict):
            yield number, None, Problem(number, "json", "each line must be a JSON object")
            continue
        yield number, item, None


def iter_items(lines):
    """The items of ``lines``, as ``(line_number, item)``, for a file already validated."""
    for number, item, _problem in read_lines(lines):
        yield number, item
