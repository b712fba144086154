"""Validate a content interchange file (``docs/content-format.md``) before any write.

A file the validator accepts imports without error; a file it refuses is not
imported at all. So each source line is checked with the page model's own
validation (:func:`interchange.building.model_problems`, the very fields the
importer sets), besides the format's rules (:mod:`interchange.checks`), the
rules across lines (translations, references, parents) and those of the
site's tree (a slug taken by another page under the same parent).

The file is read twice, line by line: once for its ids (to learn which are on
the site already, and in which locale their source is), once to check it. So
memory grows with the number of distinct ids and never with the file's size.
Every problem is reported as ``line N: field: message``.
"""

import json
import re
from dataclasses import dataclass, field

from core.registry import FieldKind

from .building import model_problems, stand_in
from .checks import (
    IDENTITY_FIELDS,
    allowed_fields,
    check_value,
    entry_of,
    missing_needed,
    references,
    text_needing_source,
    translatable_fields,
)
from .exporter import page_item
from .pages import existing_section, model_of, site_items
from .reading import Problem, open_lines, read_lines

__all__ = ["InvalidContent", "Problem", "Report", "validate_file", "validate_lines"]


@dataclass
class _IdFacts:
    """What later lines and references need to know about one id."""

    line: int
    type: str
    source: dict
    locale: str = ""
    locales: dict = field(default_factory=dict)
    #: The source line had problems of its own: its translations are not compared with it.
    broken: bool = False
    #: Where the source is, for messages: "line 3", or the site's page.
    where: str = ""


@dataclass
class Report:
    """The outcome of validating a file: its problems, what it holds, and notes for the reader."""

    problems: list = field(default_factory=list)
    lines: int = 0
    sources: int = 0
    translations: int = 0
    types: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)

    @property
    def is_valid(self):
        return not self.problems

    @property
    def messages(self):
        return [str(problem) for problem in sorted(self.problems)]


class InvalidContent(Exception):
    """A file that failed validation (or, failing that, import); carries the full report."""

    def __init__(self, report):
        super().__init__("\n".join(report.messages))
        self.report = report


@dataclass(frozen=True)
class _SlugClaim:
    line: int
    item_id: str
    locale: str
    slug: str
    #: ("section", type) or ("page", parent id)
    parent: tuple
    #: placed as a translation (under the parent's translation in ``locale``)
    translation: bool


class _Validator:
    def __init__(self, site):
        self.report = Report()
        self.site = site  # id -> pages.SiteItem, for the file's ids that are on the site
        self.ids = {}
        # (line, field, referenced id, expected type)
        self.references = []
        # (line, item) of the types whose model validation reads a page they refer to,
        # checked by the model once every line is known
        self.referring = []
        # id -> parent id, for the cycle check
        self.parents = {}
        self.slug_claims = []

    def problem(self, line, field_name, message):
        self.report.problems.append(Problem(line, field_name, message))

    def check_line(self, line, item):
        problems_before = len(self.report.problems)
        for name in ("id", "type", "locale", "title"):
            if name not in item:
                self.problem(line, name, "required")
        known_type = entry_of(item.get("type")) is not None
        item_type = item["type"] if known_type else None
        allowed = allowed_fields(item_type)
        for name, value in item.items():
            if name not in allowed:
                known = " for this type" if known_type else ""
                shown = name if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) else json.dumps(name)
                self.problem(line, shown, f"unknown field{known}")
                continue
            error = check_value(item_type, name, value)
            if error:
                self.problem(line, name, error)
        if len(self.report.problems) > problems_before or "id" not in item:
            # Cross-line rules need a sound line; its own problems are reported already.
            if isinstance(item.get("id"), str) and item["id"] not in self.ids and known_type:
                # Keep the id known so that references and translations to it are not reported twice.
                self.ids[item["id"]] = _IdFacts(line, item_type, {}, item.get("locale"), {}, broken=True)
            return
        facts = self.ids.get(item["id"])
        if facts is None:
            facts = self.site_source_facts(line, item)
        if facts is None:
            self.check_source(line, item)
        else:
            self.check_translation(line, item, facts)

    def site_source_facts(self, line, item):
        """The facts of an id whose source is on the site in another locale than this first line's."""
        site_item = self.site.get(item["id"])
        if site_item is None or site_item.source_locale == item["locale"] or site_item.type != item["type"]:
            return None
        source_page = model_of(site_item.type).objects.get(pk=site_item.source.pk)
        source = {name: value for name, value in page_item(source_page).items() if name not in ("id", "type")}
        locale = source.pop("locale")
        where = f"the site's {locale!r} page"
        facts = _IdFacts(0, site_item.type, source, locale, {locale: where}, where=where)
        self.ids[item["id"]] = facts
        self.report.notes.append(
            f"line {line}: {item['id']}: its source is on the site in {locale!r}: the {item['locale']!r} line"
            " translates it (translatable fields only); the source's own fields stay as they are"
        )
        return facts

    def check_source(self, line, item):
        problems_before = len(self.report.problems)
        item_type = item["type"]
        entry = entry_of(item_type)
        for name in entry.required_fields:
            if name not in item:
                self.problem(line, name, f"required for type {item_type}")
        for name, message in missing_needed(item_type, item):
            self.problem(line, name, message)
        self.note_references(line, item)
        if "parent" in item:
            self.parents[item["id"]] = item["parent"]
        source = {name: value for name, value in item.items() if name not in IDENTITY_FIELDS}
        facts = _IdFacts(line, item_type, source, item["locale"], {item["locale"]: line}, where=f"line {line}")
        self.ids[item["id"]] = facts
        self.report.sources += 1
        self.report.types[item_type] = self.report.types.get(item_type, 0) + 1
        if entry.reads_referenced_pages:
            # Its model's validation reads the page it refers to: checked once every line is known.
            if all(name in item for name in entry.required_fields):
                self.referring.append((line, item))
        elif len(self.report.problems) == problems_before:
            for name, message in model_problems(item):
                self.problem(line, name, message)
        if "slug" in item:
            parent = ("page", item["parent"]) if "parent" in item else ("section", item_type)
            self.slug_claims.append(_SlugClaim(line, item["id"], item["locale"], item["slug"], parent, False))

    def note_references(self, line, item):
        """Note the line's references, checked once every line is known; refuse one to the item itself."""
        for name, target_type, many in references(item["type"]):
            if name in item:
                for reference in item[name] if many else [item[name]]:
                    if reference == item["id"]:
                        self.problem(line, name, "an item cannot refer to itself")
                    else:
                        self.references.append((line, name, reference, target_type))

    def check_translation(self, line, item, facts):
        if item["type"] != facts.type:
            self.problem(line, "type", f"{item['type']!r} differs from the source's {facts.type!r} ({facts.where})")
            return
        earlier = facts.locales.get(item["locale"])
        if earlier:
            where = f"line {earlier}" if isinstance(earlier, int) else earlier
            if facts.line == 0 and item["locale"] == facts.locale:
                message = f"{item['id']!r} has its source on the site in {facts.locale!r}: its line must come first"
            else:
                message = f"{item['id']!r} already has a line in {item['locale']!r} ({where})"
            self.problem(line, "locale", message)
            return
        facts.locales[item["locale"]] = line
        self.report.translations += 1
        if facts.broken:
            return
        translatable = translatable_fields(item["type"])
        needing_source = text_needing_source(item["type"])
        for name, value in item.items():
            if name in IDENTITY_FIELDS:
                continue
            if name not in translatable:
                if facts.source.get(name) != value:
                    self.problem(line, name, f"is not translatable and differs from the source ({facts.where})")
            elif name in needing_source and name not in facts.source:
                self.problem(line, name, f"the source ({facts.where}) has no {name} to translate")
        if "body" in item and "body" in facts.source and len(item["body"]) != len(facts.source["body"]):
            self.problem(
                line,
                "body",
                f"has {len(item['body'])} paragraphs; the source ({facts.where}) has {len(facts.source['body'])}",
            )
        if "slug" in item:
            parent_id = facts.source.get("parent")
            parent = ("page", parent_id) if parent_id else ("section", facts.type)
            self.slug_claims.append(_SlugClaim(line, item["id"], item["locale"], item["slug"], parent, True))

    def check_references(self):
        missing = {reference for _line, _name, reference, _type in self.references if reference not in self.ids}
        on_site = dict(self.site)
        on_site.update(site_items(missing - set(on_site)))
        for item_id, facts in self.ids.items():
            site_item = self.site.get(item_id)
            if site_item is not None and site_item.type != facts.type and facts.line:
                self.problem(facts.line, "id", f"{item_id!r} is already on the site with type {site_item.type}")
        for line, name, reference, expected_type in self.references:
            if reference in self.ids:
                found_type = self.ids[reference].type
            elif reference in on_site:
                found_type = on_site[reference].type
            else:
                self.problem(line, name, f"{reference!r} is neither in the file nor on the site")
                continue
            if found_type != expected_type:
                self.problem(line, name, f"{reference!r} is of type {found_type}, not {expected_type}")
        self.check_parent_cycles()
        self.check_referring()
        self.check_slugs()

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

    def check_referring(self):
        """Each line through its model's validation, with the page it refers to as the import will leave it."""
        for line, item in self.referring:
            entry = entry_of(item["type"])
            (field,) = (field for field in entry.reference_fields if field.kind == FieldKind.REFERENCE)
            referred = self.referred_page(item[field.name], field.target)
            if referred is not None:
                for name, message in model_problems(item, referred):
                    self.problem(line, name, message)

    def referred_page(self, item_id, target_type):
        """The page ``item_id`` stands for: a stand-in for a line of the file, else the site's source page.

        None when it has problems of its own, is of another type, or is nowhere
        (each reported elsewhere: on its line, as a reference of the wrong type, as a dangling reference).
        """
        facts = self.ids.get(item_id)
        if facts is not None and facts.line:
            if facts.broken or facts.type != target_type:
                return None
            return stand_in(target_type, facts.source)
        site_item = self.site.get(item_id) or site_items([item_id]).get(item_id)
        if site_item is None or site_item.type != target_type:
            return None
        # The importer links a page to the source page of the page it refers to.
        return model_of(target_type).objects.get(pk=site_item.source.pk)

    def check_slugs(self):
        """No two pages under one parent with one slug: in the file, nor with a page on the site."""
        claimed = {}
        for claim in self.slug_claims:
            placement = self.placement(claim)
            if placement is None:
                continue
            earlier = claimed.setdefault((placement, claim.slug), claim)
            if earlier is not claim:
                self.problem(
                    claim.line, "slug", f"{claim.slug!r} is also the slug of line {earlier.line}, under the same parent"
                )
                continue
            parent_path = self.site_parent_path(claim, placement)
            if parent_path is None:
                continue
            own = self.site.get(claim.item_id)
            own_page = own.pages.get(claim.locale) if own else None
            sibling = _sibling_with_slug(parent_path, claim.slug, own_page)
            if sibling is not None:
                self.problem(
                    claim.line, "slug", f"{claim.slug!r} is the slug of another page under the same parent ({sibling})"
                )

    def placement(self, claim):
        """Where the claim's page goes, as ``(kind, key, locale)``, or None when it cannot be told."""
        kind, key = claim.parent
        if kind == "section":
            return ("section", key, claim.locale)
        if claim.translation:
            return ("page", key, claim.locale)
        # A source goes under its parent's source page.
        parent_facts = self.ids.get(key)
        if parent_facts is not None and parent_facts.locale:
            return ("page", key, parent_facts.locale)
        site_item = self.site.get(key) or site_items([key]).get(key)
        return ("page", key, site_item.source_locale) if site_item else None

    def site_parent_path(self, claim, placement):
        kind, key, locale = placement
        if kind == "section":
            section = existing_section(key, locale)
            return section.path if section else None
        site_item = self.site.get(key) or site_items([key]).get(key)
        parent = site_item.pages.get(locale) if site_item else None
        return parent.path if parent else None


def _sibling_with_slug(parent_path, slug, own_page):
    from wagtail.models import Page

    depth = len(parent_path) // Page.steplen + 1
    siblings = Page.objects.filter(path__startswith=parent_path, depth=depth, slug=slug)
    if own_page is not None:
        siblings = siblings.exclude(pk=own_page.pk)
    sibling = siblings.first()
    return f"{sibling.title!r}, {sibling.url_path}" if sibling else None


def _ids_of(lines):
    return {item["id"] for _number, item, _problem in read_lines(lines) if item and isinstance(item.get("id"), str)}


def _validate(open_file):
    """Validate the lines that ``open_file()`` gives, each time it is called."""
    validator = _Validator(site_items(_ids_of(open_file())))
    for number, item, problem in read_lines(open_file()):
        validator.report.lines = number
        if problem:
            validator.report.problems.append(problem)
        else:
            validator.check_line(number, item)
    validator.check_references()
    validator.report.problems.sort()
    return validator.report


def validate_lines(lines):
    """Validate the lines of an interchange file (bytes or str); return a :class:`Report`."""
    lines = list(lines)
    return _validate(lambda: lines)


def validate_file(path):
    return _validate(lambda: open_lines(path))
