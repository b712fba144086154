"""Import an interchange file (``docs/content-format.md``) into the page tree.

The file is validated whole first; then, in one transaction, it is read three
times (line by line, so memory stays flat): sources are created where missing
(pages placed, no relations yet, so references may point forwards), then each
source gets its fields, relations and tags and a revision when it differs from
the line (organisations before the jubilees that count their years), then
translations go through wagtail-localize. A line whose page already matches it
(compared as exported items) is skipped: re-importing a file writes nothing.

The first line of an id is its source, unless the id's source is on the site
in another locale: then every line of that id is a translation of it, which
changes the translatable fields of its own locale's page and nothing else.

A file the validator accepts is expected to import; should the model still
refuse a page, the import stops, nothing is written (one transaction), and
the failure is reported like a validation problem, with its line and field.
"""

import logging
from dataclasses import dataclass, field

from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, PageViewRestriction

from core.progress import NoProgress
from core.registry import FieldKind, content_types
from home.sections import get_section
from localisation.slugs import slug_from_title
from localisation.translation import translate_page, translation_source_for
from search.batching import batched_tasks

from .building import anniversary_for, assign_fields, kept_values
from .bulk_import import NewContent
from .checks import founded_year_of
from .collector import old_objects_set_aside
from .current_items import ITEM_BATCH, batches, current_source_items, current_translation_items
from .exporter import page_item
from .failures import IMPORT_FAILURES, problems_of
from .item_context import link_field
from .pages import model_of, pages_with_ids, site_items
from .reading import iter_items, open_lines
from .source_pages import SOURCE_ITEMS_AT_HAND, RecentlyUsed, SourcePages, comparable
from .transactions import write_transaction
from .translation_lines import is_unchanged_translation, translated_fields
from .validation import InvalidContent, validate_file

logger = logging.getLogger(__name__)


def reads_referenced_pages(item):
    return content_types().get(item["type"]).reads_referenced_pages


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    #: What the reader should know of how lines were read (from the validation report).
    notes: list = field(default_factory=list)


@old_objects_set_aside()
def import_file(path, user=None, progress=None, extension=None):
    """Validate then import the file at ``path``; raise :class:`InvalidContent` when it has problems.

    The import is one transaction: when any line fails, nothing is written.
    ``progress`` (a :class:`core.progress.Progress`) is advanced by each line written or found unchanged.
    ``extension`` (an :class:`interchange.bulk_import.ImportExtension`) adds what the file cannot carry to new pages.
    """
    report = validate_file(path)
    if not report.is_valid:
        raise InvalidContent(report)
    importer = _Importer(path, user, progress)
    importer.new_content.extension = extension or importer.new_content.extension
    try:
        with write_transaction(), batched_tasks():
            result = importer.run()
    except IMPORT_FAILURES as error:
        logger.exception("Import of %s failed at line %s; nothing was written", path, importer.line)
        report.problems.extend(problems_of(error, importer.line, importer.model))
        raise InvalidContent(report) from error
    result.notes = report.notes
    return result


class _Importer:
    def __init__(self, path, user, progress=None):
        self.path = path
        self.user = user
        self.progress = progress or NoProgress()
        self.result = ImportResult()
        self.line = 0  # the line being imported, for a failure's report
        self.model = None  # the model of the line being imported, for a failure's report
        self.translated_sources = set()  # ids whose source is on the site in another locale than their first line
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.sections = {}
        self.source_pages = SourcePages()
        self.created = set()  # ids whose source page this import created
        self.founded = {}  # organisation id -> founded year, for derived anniversaries
        self.placed_under_pages = set()  # ids whose source names a parent page
        # id -> wagtail-localize record of its source, refreshed once (while it stays at hand)
        self.translation_sources = RecentlyUsed()
        self.source_items = RecentlyUsed()  # id -> its source's item, for its translations' comparison
        # id -> (translation key, item) of sources found unchanged, for their translation lines
        self.unchanged_sources = RecentlyUsed(SOURCE_ITEMS_AT_HAND)
        self.new_content = NewContent(self)  # ids new to the site, written in batches
        self.has_new_sources = False  # whether a source of the file is not on the site yet

    def count(self, outcome, lines=1):
        """Count ``lines`` as ``created``, ``updated`` or ``unchanged``."""
        setattr(self.result, outcome, getattr(self.result, outcome) + lines)
        self.progress.advance(lines)

    def lines(self):
        for number, item in iter_items(open_lines(self.path)):
            self.line, self.model = number, model_of(item["type"])
            yield number, item

    def run(self):
        self.find_existing_pages()
        if self.has_new_sources:
            # Each of these reads the file: a re-import of ids all on the site needs none of them.
            self.new_content.create_pages()
            self.create_missing_sources()
            self.new_content.write_content()
        self.update_sources()
        self.update_translations()
        return self.result

    def source_lines(self):
        seen = set()
        for number, item in self.lines():
            if item["id"] not in seen:
                seen.add(item["id"])
                if item["id"] not in self.translated_sources:
                    yield number, item

    def find_existing_pages(self):
        first_lines = {}
        for _number, item in self.lines():
            first_lines.setdefault(item["id"], item)
        for item_id, site_item in site_items(first_lines).items():
            if site_item.source_locale != first_lines[item_id]["locale"]:
                self.translated_sources.add(item_id)
            # Known by key: a page is read when a line needs it, most lines of a re-import never do.
            self.source_pages.keys[item_id] = (model_of(site_item.type), site_item.source.pk)
        sources = {item_id: item for item_id, item in first_lines.items() if item_id not in self.translated_sources}
        del first_lines
        self.placed_under_pages = {item_id for item_id, item in sources.items() if "parent" in item}
        self.founded = {
            item_id: founded_year_of(item.get("founded"))
            for item_id, item in sources.items()
            if content_types().get(item["type"]).import_field("founded")
        }
        self.has_new_sources = any(item_id not in self.source_pages for item_id in sources)
        if self.has_new_sources:
            self.new_content.choose(sources)

    # Pass 1: every source has a page.

    def create_missing_sources(self):
        ready, waiting_for_parent = [], []
        for number, item in self.source_lines():
            if item["id"] in self.source_pages:
                continue
            if "parent" in item and item["parent"] not in self.source_pages:
                waiting_for_parent.append((number, item))
            else:
                ready.append((number, item))
        # Pages under pages of the same file: place parents first (validation excludes cycles).
        while ready:
            # Pages with a slug of their own first, so that a derived slug never takes it.
            for number, item in sorted(ready, key=lambda pair: "slug" not in pair[1]):
                self.line = number
                self.create_source(item)
            ready = [pair for pair in waiting_for_parent if pair[1]["parent"] in self.source_pages]
            waiting_for_parent = [pair for pair in waiting_for_parent if pair[1]["parent"] not in self.source_pages]

    def parent_for(self, item):
        if "parent" in item:
            return self.page_by_id(item["parent"])
        return self.section(model_of(item["type"]), item["locale"])

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
        model = model_of(item["type"])
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
        """The item ``page`` exports once ``item`` is applied: the line with the values the page derives."""
        expected = {**item, "status": item.get("status", "live"), "slug": item.get("slug") or page.slug}
        entry = content_types().get(item["type"])
        for choice in (import_field for import_field in entry.import_fields if import_field.kind == FieldKind.CHOICE):
            expected.setdefault(choice.name, page._meta.get_field(choice.model_field or choice.name).get_default())
        # Times, rules and date lists in the form the page keeps them.
        expected.update(kept_values(item))
        if entry.import_field("anniversary"):
            expected["anniversary"] = self.anniversary(item)
        return expected

    def anniversary(self, item):
        """A jubilee's anniversary: the line's, or derived from its organisation's founding year."""
        if "anniversary" in item:
            return item["anniversary"]
        organisation = item["organisation"]
        founded = self.founded.get(organisation)
        if founded is None:
            founded = self.page_by_id(organisation).founded_year
        return anniversary_for(item, founded)

    def update_sources(self):
        """Apply the source lines. Pages referred to are written first (a jubilee's model validation
        reads its organisation's founding year): a changed line of a type that reads the page it refers
        to waits for a second reading of the file; found unchanged, it is counted at once (its comparison
        reads nothing the other lines change)."""
        waiting = set()  # numbers of the changed lines written after the others
        lines = ((n, item) for n, item in self.source_lines() if item["id"] not in self.new_content.ids)
        for batch in batches(lines):
            current = current_source_items(self.source_pages.keys[item["id"]] for _n, item in batch)
            for number, item in batch:
                self.line, self.model = number, model_of(item["type"])
                if self.is_unchanged_source(item, current.get(self.source_pages.keys[item["id"]][1])):
                    continue
                if reads_referenced_pages(item):
                    waiting.add(number)
                else:
                    self.write_source(item)
        if waiting:
            for number, item in self.source_lines():
                if number in waiting:
                    self.write_source(item)

    def is_unchanged_source(self, item, current=None):
        """Whether the page of the source line ``item`` already exports it (then it is counted);
        ``current`` is its page's ``(page, item)`` read in bulk, if known."""
        if item["id"] in self.created:
            return False
        page, current_item = current or (self.source_pages[item["id"]], None)
        current_item = current_item or page_item(page)
        if comparable(current_item) != comparable(self.expected_source_item(item, page)):
            return False
        # Its translations' lines are compared with this item: no need to read the page again.
        self.unchanged_sources.remember(item["id"], (page.translation_key, current_item))
        self.count("unchanged")
        return True

    def write_source(self, item):
        """Write the source line ``item``, which its page does not export yet."""
        is_new = item["id"] in self.created
        page = self.source_pages[item["id"]]
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
            self.count("created")
        else:
            self.count("updated")

    def assign_fields(self, page, item):
        has_anniversary = content_types().get(item["type"]).import_field("anniversary")
        assign_fields(page, item, self.anniversary(item) if has_anniversary else None)

    def assign_relations(self, page, item, pk_of=None, tags=True):
        """Set the page's tags (unless ``tags`` is false) and its links to other pages.

        ``pk_of(id)``, when given, gives a linked page's key, so that the pages themselves need not be read.
        """
        target, suffix = (self.page_by_id, "") if pk_of is None else (pk_of, "_id")
        if tags:
            page.tags.set(item.get("tags", []), clear=True)
        for reference in content_types().get(item["type"]).reference_fields:
            if reference.kind == FieldKind.REFERENCE:
                setattr(page, reference.attribute + suffix, target(item[reference.name]))
                continue
            link_model = page._meta.get_field(reference.relation).related_model
            name = link_field(type(page), reference).name + suffix
            links = [
                link_model(**{name: target(ref)}, sort_order=index)
                for index, ref in enumerate(item.get(reference.name, []))
            ]
            setattr(page, reference.relation, links)

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
        batch = []
        for number, item in self.lines():
            if item["id"] in self.new_content.ids:
                continue
            if item["id"] not in seen and item["id"] not in self.translated_sources:
                seen.add(item["id"])
                continue
            if item["id"] in self.placed_under_pages or item["id"] in self.translated_sources:
                # Under a page that may be translated by this file: translate once the parent's translations exist.
                waiting_for_parent.append((number, item))
            else:
                batch.append((number, item))
                if len(batch) == ITEM_BATCH:
                    self.update_translation_batch(batch)
                    batch = []
        self.update_translation_batch(batch)
        for number, item in sorted(waiting_for_parent, key=lambda pair: self.source_pages[pair[1]["id"]].depth):
            self.line = number
            self.update_translation(item)

    def source_item(self, item_id, source):
        # Sources are all written before the first translation: one item each serves every language.
        item = self.source_items.get(item_id) or page_item(source)
        return self.source_items.remember(item_id, item)

    def translation_source(self, item_id):
        # Sources are all written before the first translation: one refresh each serves every language.
        source = self.translation_sources.get(item_id) or translation_source_for(self.source_pages[item_id])
        return self.translation_sources.remember(item_id, source)

    def update_translation_batch(self, batch):
        """Apply translation lines, skipping in bulk those whose translation already matches."""
        keys = self.source_pages.keys
        read = current_source_items(keys[item["id"]] for _n, item in batch if item["id"] not in self.unchanged_sources)
        sources = {}  # id -> (translation key, item) of its source
        for _n, item in batch:
            page, source_item = read.get(keys[item["id"]][1]) or (None, None)
            sources[item["id"]] = self.unchanged_sources.get(item["id"]) or (page.translation_key, source_item)
        wanted = [(keys[item["id"]][0], sources[item["id"]][0], self.locales[item["locale"]].pk) for _n, item in batch]
        translations = current_translation_items(wanted)
        for (number, item), (_model, key, locale_id) in zip(batch, wanted, strict=True):
            self.line, self.model = number, model_of(item["type"])
            source_item = self.source_items.remember(item["id"], sources[item["id"]][1])
            current = translations.get((key, locale_id))
            if current is not None and is_unchanged_translation(item, source_item, *current):
                self.count("unchanged")
            else:
                self.update_translation(item)

    def update_translation(self, item):
        source = self.source_pages[item["id"]]
        locale = self.locales[item["locale"]]
        source_item = self.source_item(item["id"], source)
        if "parent" not in source_item:
            self.section(type(source), item["locale"])  # wagtail-localize places the translation under it
        current = source.get_translation_or_none(locale)
        current = current.specific if current else None
        translated = translated_fields(item["type"])
        if current is not None and is_unchanged_translation(item, source_item, current, page_item(current)):
            self.count("unchanged")
            return
        slug = item.get("slug") or (current.slug if current else slug_from_title(item["title"]))
        values = {name: item[name] for name in translated - {"tags"} if name in item}
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
            self.count("created")
        else:
            self.count("updated")
