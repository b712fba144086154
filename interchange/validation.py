"""Validate a content interchange file (``docs/content-format.md``) before any write.

The file is read line by line, so memory grows with the number of distinct ids
(a few facts per id, kept for cross-line rules) and never with the file's size.
Every problem is collected and reported as ``line N: field: message``; the
command and the admin view both refuse to import a file with any problem.
"""

import datetime
import json
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator, validate_unicode_slug
from django_countries import countries

from events.models import EventCategory
from organisations.models import OrganisationKind

from .pages import TYPE_MODELS, external_id_of, pages_with_ids, type_of

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ID_MAX_LENGTH = 100
TITLE_MAX_LENGTH = 255
SUMMARY_MAX_LENGTH = 1000
TEXT_MAX_LENGTH = 255
TAG_MAX_LENGTH = 100
URL_MAX_LENGTH = 200
EMAIL_MAX_LENGTH = 254
SMALL_INT_MAX = 32767
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


@dataclass
class _IdFacts:
    """What later lines and references need to know about one id."""

    line: int
    type: str
    source: dict
    locales: dict = field(default_factory=dict)
    #: The source line had problems of its own: its translations are not compared with it.
    broken: bool = False


@dataclass
class Report:
    """The outcome of validating a file: its problems and what it holds."""

    problems: list = field(default_factory=list)
    lines: int = 0
    sources: int = 0
    translations: int = 0
    types: dict = field(default_factory=dict)

    @property
    def is_valid(self):
        return not self.problems

    @property
    def messages(self):
        return [str(problem) for problem in sorted(self.problems)]


class InvalidContent(Exception):
    """A file that failed validation; carries the full report."""

    def __init__(self, report):
        super().__init__("\n".join(report.messages))
        self.report = report


# Value checks: each returns an error message, or None when the value is fine.


def _check_string(value, max_length, *, required=False):
    if not isinstance(value, str):
        return "must be a string"
    if required and not value.strip():
        return "must not be empty"
    if len(value) > max_length:
        return f"is {len(value)} characters long; at most {max_length} allowed"
    return None


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
    if not all(isinstance(paragraph, str) and paragraph.strip() for paragraph in value):
        return "every paragraph must be a non-empty string"
    return None


def _check_tags(value):
    if not isinstance(value, list):
        return "must be a list of strings"
    for tag in value:
        if not isinstance(tag, str) or not tag.strip():
            return "every tag must be a non-empty string"
        if len(tag) > TAG_MAX_LENGTH:
            return f"tag {tag[:20]!r}... is longer than {TAG_MAX_LENGTH} characters"
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
    """An ISO 8601 date-time string with a UTC offset, as an aware datetime, or None."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}T[\d:.,]+(Z|[+-]\d{2}:?\d{2})", value):
        return None
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.utcoffset() is not None else None


def _check_datetime(value):
    if parse_datetime(value):
        return None
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
    "summary": lambda value: _check_string(value, SUMMARY_MAX_LENGTH),
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


def read_lines(lines):
    """Yield ``(line_number, item, problem)`` for each non-blank line of ``lines`` (bytes or str).

    ``item`` is the decoded JSON object, or None with ``problem`` saying why not.
    """
    for number, raw in enumerate(lines, start=1):
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


class _Validator:
    def __init__(self):
        self.report = Report()
        self.ids = {}
        # (line, field, referenced id, expected type)
        self.references = []
        # (line, organisation id, celebration date, anniversary or None)
        self.jubilees = []
        # id -> parent id, for the cycle check
        self.parents = {}

    def problem(self, line, field_name, message):
        self.report.problems.append(Problem(line, field_name, message))

    def check_line(self, line, item):
        problems_before = len(self.report.problems)
        for name in ("id", "type", "locale", "title"):
            if name not in item:
                self.problem(line, name, "required")
        item_type = item.get("type") if isinstance(item.get("type"), str) else None
        allowed = COMMON_FIELDS + TYPE_FIELDS.get(item_type, ())
        for name, value in item.items():
            if name not in allowed:
                known = " for this type" if item_type in TYPE_FIELDS else ""
                shown = name if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) else json.dumps(name)
                self.problem(line, shown, f"unknown field{known}")
                continue
            error = VALUE_CHECKS[name](value)
            if error:
                self.problem(line, name, error)
        if len(self.report.problems) > problems_before or "id" not in item:
            # Cross-line rules need a sound line; its own problems are reported already.
            if isinstance(item.get("id"), str) and item["id"] not in self.ids and item_type in TYPE_FIELDS:
                # Keep the id known so that references and translations to it are not reported twice.
                self.ids[item["id"]] = _IdFacts(line, item_type, {}, {item.get("locale"): line}, broken=True)
            return
        facts = self.ids.get(item["id"])
        if facts is None:
            self.check_source(line, item)
        else:
            self.check_translation(line, item, facts)

    def check_source(self, line, item):
        item_type = item["type"]
        for name in REQUIRED_BY_TYPE.get(item_type, ()):
            if name not in item:
                self.problem(line, name, f"required for type {item_type}")
        if item_type == "heritage_project" and item.get("end_year", SMALL_INT_MAX) < item.get("start_year", 0):
            self.problem(line, "end_year", "is before start_year")
        has_times = item_type == "event" and "start" in item and "end" in item
        if has_times and parse_datetime(item["end"]) < parse_datetime(item["start"]):
            self.problem(line, "end", "is before start")
        for name, (target_type, many) in REFERENCES.items():
            if name in item:
                for reference in item[name] if many else [item[name]]:
                    if reference == item["id"]:
                        self.problem(line, name, "an item cannot refer to itself")
                    else:
                        self.references.append((line, name, reference, target_type))
        if "parent" in item:
            self.parents[item["id"]] = item["parent"]
        if item_type == "jubilee" and "organisation" in item and "date" in item:
            self.jubilees.append((line, item["organisation"], parse_date(item["date"]), item.get("anniversary")))
        source = {name: value for name, value in item.items() if name not in ("id", "type", "locale")}
        self.ids[item["id"]] = _IdFacts(line, item_type, source, {item["locale"]: line})
        self.report.sources += 1
        self.report.types[item_type] = self.report.types.get(item_type, 0) + 1

    def check_translation(self, line, item, facts):
        if item["type"] != facts.type:
            self.problem(line, "type", f"{item['type']!r} differs from the source's {facts.type!r} (line {facts.line})")
            return
        earlier = facts.locales.get(item["locale"])
        if earlier:
            self.problem(line, "locale", f"{item['id']!r} already has a line in {item['locale']!r} (line {earlier})")
            return
        facts.locales[item["locale"]] = line
        self.report.translations += 1
        if facts.broken:
            return
        for name, value in item.items():
            if name in ("id", "type", "locale"):
                continue
            if name not in TRANSLATABLE_FIELDS:
                if facts.source.get(name) != value:
                    self.problem(line, name, f"is not translatable and differs from the source (line {facts.line})")
            elif name in TEXT_NEEDING_SOURCE and name not in facts.source:
                self.problem(line, name, f"the source (line {facts.line}) has no {name} to translate")
        if "body" in item and "body" in facts.source and len(item["body"]) != len(facts.source["body"]):
            self.problem(
                line,
                "body",
                f"has {len(item['body'])} paragraphs; the source (line {facts.line}) has {len(facts.source['body'])}",
            )

    def check_references(self):
        missing = {reference for _line, _name, reference, _type in self.references if reference not in self.ids}
        file_ids = list(self.ids)
        on_site = {}
        for page in pages_with_ids(missing.union(file_ids)):
            on_site.setdefault(external_id_of(page), page)
        for item_id, facts in self.ids.items():
            page = on_site.get(item_id)
            if page is not None and type_of(page) != facts.type:
                self.problem(facts.line, "id", f"{item_id!r} is already on the site with type {type_of(page)}")
        for line, name, reference, expected_type in self.references:
            if reference in self.ids:
                found_type = self.ids[reference].type
            elif reference in on_site:
                found_type = type_of(on_site[reference])
            else:
                self.problem(line, name, f"{reference!r} is neither in the file nor on the site")
                continue
            if found_type != expected_type:
                self.problem(line, name, f"{reference!r} is of type {found_type}, not {expected_type}")
        self.check_parent_cycles()
        self.check_jubilees(on_site)

    def check_parent_cycles(self):
        for item_id in self.parents:
            seen = {item_id}
            current = self.parents.get(item_id)
            while current in self.parents:
                if current in seen:
                    self.problem(self.ids[item_id].line, "parent", "pages would contain one another")
                    break
                seen.add(current)
                current = self.parents[current]

    def check_jubilees(self, on_site):
        for line, organisation_id, date, anniversary in self.jubilees:
            facts = self.ids.get(organisation_id)
            if facts is not None:
                founded = founded_year_of(facts.source.get("founded")) if facts.type == "organisation" else None
            else:
                founded = getattr(on_site.get(organisation_id), "founded_year", None)
            if not founded:
                continue
            if date.year <= founded:
                self.problem(line, "date", f"is not after the organisation's founding year {founded}")
            elif anniversary is not None and anniversary != date.year - founded:
                self.problem(
                    line,
                    "anniversary",
                    f"{anniversary} disagrees with the founding year {founded}: {date.year} is the "
                    f"{date.year - founded}th anniversary",
                )


def validate_lines(lines):
    """Validate the lines of an interchange file (bytes or str); return a :class:`Report`."""
    validator = _Validator()
    for number, item, problem in read_lines(lines):
        validator.report.lines = number
        if problem:
            validator.report.problems.append(problem)
        else:
            validator.check_line(number, item)
    validator.check_references()
    validator.report.problems.sort()
    return validator.report


def validate_file(path):
    with open(path, "rb") as lines:
        return validate_lines(lines)
