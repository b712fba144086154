"""Import an interchange file (``docs/content-format.md``) into the page tree.

The file is validated whole first; then, in one transaction, it is read three
times (line by line, so memory stays flat): sources are created where missing
(pages placed, no relations yet, so references may point forwards), then each
source gets its fields, relations and tags and a revision when it differs from
the line, then translations go through wagtail-localize. A line whose page
already matches it (compared as exported items) is skipped: re-importing a file
writes nothing.
"""

from collections import OrderedDict
from dataclasses import dataclass
from html import escape

from django.db import transaction
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, PageViewRestriction
from wagtail.rich_text import RichText

from events.models import EventOrganiser, parse_time_zone
from heritage.models import HeritageProjectOrganisation
from home.batching import batched_tasks
from home.sections import get_section, slug_from_title
from home.translation import translate_page, translation_source_for
from organisations.models import OrganisationMembership

from .exporter import TRANSLATABLE_BY_TYPE, format_datetime, page_item, time_zone_for
from .pages import TYPE_MODELS, external_id_of, pages_with_ids
from .validation import InvalidContent, founded_year_of, iter_items, parse_date, parse_datetime, validate_file

#: Item fields that describe where a translation sits, not what it says.
PLACEMENT_FIELDS = {"id", "type", "locale", "slug", "parent"}
TRANSLATED_FIELDS = {"title", "summary", "body", "tags", "city", "place", "venue"}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


#: Source pages (and their wagtail-localize records) the importer keeps at hand;
#: others are read again when needed, so memory does not grow with the file.
RECENTLY_USED = 256


class RecentlyUsed(OrderedDict):
    """A mapping that keeps only its ``size`` most recently used entries."""

    def __init__(self, size=None):
        super().__init__()
        self.size = size or RECENTLY_USED

    def remember(self, key, value):
        self[key] = value
        self.move_to_end(key)
        while len(self) > self.size:
            self.popitem(last=False)
        return value


class SourcePages:
    """``id -> source page``: every id's page is known by its primary key, the
    most recently used ones are kept loaded (translations follow their source
    closely in a file, so they are nearly always at hand)."""

    def __init__(self, size=None):
        self.keys = {}
        self.recent = RecentlyUsed(size)

    def __contains__(self, item_id):
        return item_id in self.keys

    def __setitem__(self, item_id, page):
        self.keys[item_id] = (type(page), page.pk)
        self.recent.remember(item_id, page)

    def __getitem__(self, item_id):
        page = self.recent.get(item_id)
        if page is None:
            model, pk = self.keys[item_id]
            page = model.objects.select_related("locale").get(pk=pk)
        return self.recent.remember(item_id, page)


def comparable(item):
    """An item reduced to what matters for "has it changed": no empty values, tags as a set."""
    reduced = {name: value for name, value in item.items() if value not in ("", None, [])}
    if "tags" in reduced:
        reduced["tags"] = sorted(reduced["tags"])
    return reduced


def import_file(path, user=None):
    """Validate then import the file at ``path``; raise :class:`InvalidContent` when it has problems."""
    report = validate_file(path)
    if not report.is_valid:
        raise InvalidContent(report)
    with transaction.atomic(), batched_tasks():
        return _Importer(path, user).run()


class _Importer:
    def __init__(self, path, user):
        self.path = path
        self.user = user
        self.result = ImportResult()
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.sections = {}
        self.source_pages = SourcePages()
        self.created = set()  # ids whose source page this import created
        self.founded = {}  # organisation id -> founded year, for derived anniversaries
        self.placed_under_pages = set()  # ids whose source names a parent page
        # id -> wagtail-localize record of its source, refreshed once (while it stays at hand)
        self.translation_sources = RecentlyUsed()

    def lines(self):
        with open(self.path, "rb") as lines:
            yield from iter_items(lines)

    def run(self):
        self.find_existing_pages()
        self.create_missing_sources()
        for _number, item in self.source_lines():
            self.update_source(item)
        self.update_translations()
        return self.result

    def source_lines(self):
        seen = set()
        for number, item in self.lines():
            if item["id"] not in seen:
                seen.add(item["id"])
                yield number, item

    def find_existing_pages(self):
        sources = {item["id"]: item for _number, item in self.source_lines()}
        for page in pages_with_ids(sources):
            item_id = external_id_of(page)
            if page.locale.language_code == sources[item_id]["locale"]:
                self.source_pages[item_id] = page
        self.placed_under_pages = {item_id for item_id, item in sources.items() if "parent" in item}
        self.founded = {
            item_id: founded_year_of(item.get("founded"))
            for item_id, item in sources.items()
            if item["type"] == "organisation"
        }

    # Pass 1: every source has a page.

    def create_missing_sources(self):
        waiting_for_parent = []
        for _number, item in self.source_lines():
            if item["id"] in self.source_pages:
                continue
            if "parent" in item and item["parent"] not in self.source_pages:
                waiting_for_parent.append(item)
            else:
                self.create_source(item)
        # Pages under pages of the same file: place parents first (validation excludes cycles).
        while waiting_for_parent:
            ready = [item for item in waiting_for_parent if item["parent"] in self.source_pages]
            for item in ready:
                self.create_source(item)
            waiting_for_parent = [item for item in waiting_for_parent if item["id"] not in self.source_pages]

    def parent_for(self, item):
        if "parent" in item:
            return self.page_by_id(item["parent"])
        return self.section(TYPE_MODELS[item["type"]], item["locale"])

    def section(self, model, language_code):
        key = (model, language_code)
        if key not in self.sections:
            self.sections[key] = get_section(model, self.locales[language_code])
        return self.sections[key]

    def page_by_id(self, item_id):
        if item_id not in self.source_pages:
            self.source_pages[item_id] = next(iter(pages_with_ids([item_id])))
        return self.source_pages[item_id]

    def create_source(self, item):
        model = TYPE_MODELS[item["type"]]
        parent = self.parent_for(item)
        page = model(
            locale=self.locales[item["locale"]],
            external_id=item["id"],
            live=False,
            slug=item.get("slug") or find_available_slug(parent, slug_from_title(item["title"])),
        )
        self.assign_fields(page, item)
        parent.add_child(instance=page)
        self.source_pages[item["id"]] = page
        self.created.add(item["id"])

    # Pass 2: sources get their fields, relations and a revision when they changed.

    def expected_source_item(self, item, page):
        expected = {**item, "status": item.get("status", "live"), "slug": item.get("slug") or page.slug}
        if item["type"] == "organisation":
            expected.setdefault("kind", page._meta.get_field("kind").default)
        elif item["type"] == "event":
            expected.setdefault("category", page._meta.get_field("category").default)
            start, end = parse_datetime(item["start"]), parse_datetime(item["end"])
            tzinfo = parse_time_zone(time_zone_for(start, end))
            expected.update(start=format_datetime(start, tzinfo), end=format_datetime(end, tzinfo))
        elif item["type"] == "jubilee":
            expected["anniversary"] = self.anniversary(item)
        return expected

    def anniversary(self, item):
        if "anniversary" in item:
            return item["anniversary"]
        founded = self.founded.get(item["organisation"])
        if founded is None:
            founded = getattr(self.page_by_id(item["organisation"]), "founded_year", None)
        year = parse_date(item["date"]).year
        return year - founded if founded and year > founded else None

    def update_source(self, item):
        page = self.source_pages[item["id"]]
        is_new = item["id"] in self.created
        if not is_new and comparable(page_item(page)) == comparable(self.expected_source_item(item, page)):
            self.result.unchanged += 1
            return
        if not is_new:
            self.assign_fields(page, item)
            if item.get("slug"):
                page.slug = item["slug"]
            parent = self.parent_for(item)
            if page.get_parent().pk != parent.pk:
                page.move(parent, pos="last-child")
                page.refresh_from_db()
                self.assign_fields(page, item)
        self.assign_relations(page, item)
        self.save(page, item.get("status", "live"))
        if is_new:
            self.result.created += 1
        else:
            self.result.updated += 1

    def assign_fields(self, page, item):
        page.title = item["title"]
        page.summary = item.get("summary", "")
        page.body = [("paragraph", RichText(f"<p>{escape(text)}</p>")) for text in item.get("body", [])]
        item_type = item["type"]
        for name in TRANSLATABLE_BY_TYPE[item_type]:
            setattr(page, name, item.get(name, ""))
        if "country" in TYPE_FIELDS_WITH_COUNTRY.get(item_type, ()):
            page.country = item.get("country", "")
        if item_type == "organisation":
            page.kind = item.get("kind", page._meta.get_field("kind").default)
            founded = item.get("founded")
            page.founded_date = parse_date(founded) if founded else None
            page.founded_year = founded_year_of(founded) if founded else None
            page.website = item.get("website", "")
            page.email = item.get("email", "")
        elif item_type == "heritage_project":
            page.start_year = item.get("start_year")
            page.end_year = item.get("end_year")
        elif item_type == "jubilee":
            page.date = parse_date(item["date"])
            page.anniversary = self.anniversary(item)
        elif item_type == "event":
            start, end = parse_datetime(item["start"]), parse_datetime(item["end"])
            page.start, page.end = start, end
            page.time_zone = time_zone_for(start, end)
            page.category = item.get("category", page._meta.get_field("category").default)
            page.details_url = item.get("url", "")

    def assign_relations(self, page, item):
        item_type = item["type"]
        page.tags.set(item.get("tags", []), clear=True)
        if item_type == "organisation":
            page.memberships = [
                OrganisationMembership(organisation=self.page_by_id(ref), sort_order=index)
                for index, ref in enumerate(item.get("member_of", []))
            ]
        elif item_type == "heritage_project":
            page.project_organisations = [
                HeritageProjectOrganisation(organisation=self.page_by_id(ref), sort_order=index)
                for index, ref in enumerate(item.get("organisations", []))
            ]
        elif item_type == "jubilee":
            page.organisation = self.page_by_id(item["organisation"])
        elif item_type == "event":
            page.organisers = [
                EventOrganiser(organisation=self.page_by_id(ref), sort_order=index)
                for index, ref in enumerate(item.get("organisers", []))
            ]

    def save(self, page, status, revision=None):
        """Save a revision (unless given) and bring the page to ``status``."""
        revision = revision or page.save_revision(user=self.user, log_action=True)
        if status == "draft":
            if page.live:
                page.unpublish(user=self.user)
        else:
            revision.publish(user=self.user)
        restrictions = PageViewRestriction.objects.filter(page=page)
        if status == "private" and not restrictions.exists():
            PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        elif status != "private":
            restrictions.delete()
        # Publishing works on a copy loaded from the revision: later passes (a
        # translation taken from this source) must see the page as it now is.
        page.refresh_from_db()

    # Pass 3: translations, through wagtail-localize.

    def update_translations(self):
        seen = set()
        waiting_for_parent = []
        for _number, item in self.lines():
            if item["id"] not in seen:
                seen.add(item["id"])
                continue
            if item["id"] in self.placed_under_pages:
                # Under a page of the file: translate once the parent's translations exist.
                waiting_for_parent.append(item)
            else:
                self.update_translation(item)
        for item in sorted(waiting_for_parent, key=lambda item: self.source_pages[item["id"]].depth):
            self.update_translation(item)

    def translation_source(self, item_id):
        # Sources are all written before the first translation: one refresh each serves every language.
        source = self.translation_sources.get(item_id) or translation_source_for(self.source_pages[item_id])
        return self.translation_sources.remember(item_id, source)

    def update_translation(self, item):
        source = self.source_pages[item["id"]]
        locale = self.locales[item["locale"]]
        source_item = page_item(source)
        if "parent" not in source_item:
            self.section(type(source), item["locale"])  # wagtail-localize places the translation under it
        current = source.get_translation_or_none(locale)
        current = current.specific if current else None
        expected = {
            name: value
            for name, value in source_item.items()
            if name not in TRANSLATED_FIELDS and name not in PLACEMENT_FIELDS
        }
        for name in TRANSLATED_FIELDS:
            expected[name] = item.get(name, [] if name == "tags" else source_item.get(name))
        if current is not None:
            current_item = page_item(current)
            actual = {name: value for name, value in current_item.items() if name not in PLACEMENT_FIELDS}
            slug_unchanged = "slug" not in item or item["slug"] == current.slug
            if slug_unchanged and comparable(actual) == comparable(expected):
                self.result.unchanged += 1
                return
        slug = item.get("slug") or (current.slug if current else slug_from_title(item["title"]))
        values = {name: item[name] for name in ("title", "summary", "body", "city", "place", "venue") if name in item}
        values["slug"] = slug
        translated = translate_page(
            source,
            locale,
            values,
            publish=False,
            user=self.user,
            translation_source=self.translation_source(item["id"]),
        )
        revision = None
        if sorted(tag.name for tag in translated.tags.all()) != sorted(item.get("tags", [])):
            translated.tags.set(item.get("tags", []), clear=True)
            revision = translated.save_revision(user=self.user)
        self.save(translated, source_item.get("status", "live"), revision or translated.get_latest_revision())
        if current is None:
            self.result.created += 1
        else:
            self.result.updated += 1


TYPE_FIELDS_WITH_COUNTRY = {
    "organisation": ("country",),
    "heritage_project": ("country",),
    "event": ("country",),
}
