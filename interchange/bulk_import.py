"""The importer's path for ids new to the site: their pages and translations written in batches.

An id that is not on the site yet, whose source goes in its type's section
(no ``parent``), is created here rather than page by page: its source page
and every translation of it are new, validated, and invisible to anyone until
the import commits, so nothing needs what a one-page save does for an editor
(locks, workflow, the comparison with a previous revision). Each batch costs a
few statements per table (:mod:`interchange.bulk_pages`,
:mod:`interchange.bulk_translations`) instead of dozens per page. The records
written are those the one-page path writes; ids placed under a named parent,
and ids already on the site, keep that path.
"""

from django.utils import timezone
from django.utils.text import slugify

from core.registry import FieldKind
from localisation.restrictions import restrict_new_translations
from localisation.slugs import slug_from_title
from localisation.translation import translated_texts

from .bulk_pages import (
    TreeSlots,
    insert_children,
    insert_pages,
    insert_tags,
    save_revisions,
    set_state,
    without_children,
)
from .bulk_translations import create_sources, create_translations, load_source_segments, translated_copy
from .checks import entry_of, translatable_fields
from .pages import model_of

#: Lines written per batch: large enough that statements are few, small enough that memory stays flat.
BATCH_SIZE = 200

#: Sources kept at hand (with their segments) for the translations that follow them in the file.
SOURCES_AT_HAND = 1000

#: Translatable fields that are not texts of the page's translation (tags are written apart).
NOT_TRANSLATION_VALUES = {"slug", "tags"}


def referring_to(item):
    """The id of the page whose model validation reads (a jubilee's organisation), or None."""
    entry = entry_of(item["type"])
    return next((item[field.name] for field in entry.reference_fields if field.kind == FieldKind.REFERENCE), None)


class ImportExtension:
    """What a caller gives the new pages of an import beyond the file's lines (the demo's pictures, say).

    Called on this path only, so that what it adds is in each page's first
    revision, its translation source and segments, and its translations, all
    written in batches. Pages on the one-page path (ids already on the site,
    pages under a named parent) are left to the caller.
    """

    def source_fields(self, page, item):
        """Set more fields of the new source page of ``item``, before its row is written."""

    def source_relations(self, page, item):
        """Set more child relations of the source page of ``item`` (written, with its pk), before they are."""

    def translated_values(self, source, item):
        """More translated values (as ``localisation.translation.translate_page`` takes them) for the line ``item``."""
        return {}


class NewContent:
    """Creates the ids of the file that are new to the site, for an ``_Importer``."""

    def __init__(self, importer):
        self.importer = importer
        self.extension = ImportExtension()
        self.tree = TreeSlots()
        self.ids = set()
        self.statuses = {}  # id -> status of its source, which its translations take
        self.at_hand = {}  # id -> (source page, SourceSegments), the most recent only

    def choose(self, sources):
        """Pick the ids of ``sources`` (``{id: source line}``) that this path creates; reserve their slugs."""
        importer = self.importer
        new = {item_id: item for item_id, item in sources.items() if item_id not in importer.source_pages}
        chosen = {item_id for item_id, item in new.items() if "parent" not in item}
        # A jubilee's organisation must have its page before the jubilee's row is written.
        self.ids = {item_id for item_id in chosen if referring_to(new[item_id]) not in new.keys() - chosen}
        # Every section these pages and their translations go in exists before any is placed:
        # creating one adds a child to a home page, which would take a path reserved here.
        sections = {(item["type"], item["locale"]) for _number, item in importer.lines() if item["id"] in self.ids}
        for item_type, language_code in sorted(sections):
            importer.section(model_of(item_type), language_code)
        for item_id in self.ids:
            item = new[item_id]
            if item.get("slug"):
                self.tree.reserve_slug(importer.parent_for(item), item["slug"])

    # Pages first (all of them, so that relations may point forwards), without content state.

    def create_pages(self):
        importer = self.importer
        for referring in (False, True):
            batch = []
            for _number, item in importer.source_lines():
                if item["id"] in self.ids and entry_of(item["type"]).reads_referenced_pages == referring:
                    batch.append(self.new_page(item))
                    if len(batch) >= BATCH_SIZE:
                        self.insert(batch)
                        batch = []
            self.insert(batch)

    def new_page(self, item):
        importer = self.importer
        model = model_of(item["type"])
        page = model(locale=importer.locales[item["locale"]], external_id=item["id"], live=False)
        importer.assign_fields(page, item)
        for reference in entry_of(item["type"]).reference_fields:
            if reference.kind == FieldKind.REFERENCE:
                setattr(page, f"{reference.attribute}_id", self.pk_of(item[reference.name]))
        self.extension.source_fields(page, item)
        set_state(page, item.get("status", "live"), timezone.now())
        # What the model's save works out from the fields (an event's last date): its row is written without save.
        if hasattr(page, "set_derived_fields"):
            page.set_derived_fields()
        parent = importer.parent_for(item)
        slug = item.get("slug") or slug_from_title(item["title"])
        self.tree.place(page, parent, slug, reserved=bool(item.get("slug")))
        page._import_id = item["id"]
        return page

    def insert(self, pages):
        if not pages:
            return
        insert_pages(pages)
        self.tree.count_children()
        for page in pages:
            self.importer.source_pages.keys[page._import_id] = (type(page), page.pk)
            self.importer.created.add(page._import_id)

    def pk_of(self, item_id):
        importer = self.importer
        if item_id not in importer.source_pages:
            importer.page_by_id(item_id)
        return importer.source_pages.keys[item_id][1]

    # Then content, revisions and translation records, sources before their translations.

    def write_content(self):
        importer = self.importer
        sources, translations, seen = [], [], set()
        for number, item in importer.lines():
            if item["id"] not in self.ids:
                continue
            if item["id"] not in seen:
                seen.add(item["id"])
                sources.append(item)
                if len(sources) >= BATCH_SIZE:
                    self.write_sources(sources)
                    sources = []
            else:
                translations.append((number, item))
                if len(translations) >= BATCH_SIZE:
                    self.write_sources(sources)
                    sources = []
                    self.write_translations(translations)
                    translations = []
        self.write_sources(sources)
        self.write_translations(translations)

    def load_pages(self, ids):
        by_model = {}
        for item_id in ids:
            model, pk = self.importer.source_pages.keys[item_id]
            by_model.setdefault(model, []).append(pk)
        pages = {}
        for model, pks in by_model.items():
            pages.update({page.pk: page for page in model.objects.filter(pk__in=pks).select_related("locale")})
        return {item_id: pages[self.importer.source_pages.keys[item_id][1]] for item_id in ids}

    def write_sources(self, items):
        if not items:
            return
        importer = self.importer
        pages = self.load_pages([item["id"] for item in items])
        statuses = {}
        for item in items:
            page = pages[item["id"]]
            importer.assign_relations(page, item, pk_of=self.pk_of, tags=False)
            self.extension.source_relations(page, item)
            without_children(page)
            statuses[page.pk] = self.statuses[item["id"]] = item.get("status", "live")
        batch = list(pages.values())
        insert_children(batch)
        insert_tags([(pages[item["id"]], item.get("tags", [])) for item in items])
        save_revisions(batch, statuses, importer.user)
        segments = create_sources(batch)
        for item in items:
            page = pages[item["id"]]
            self.keep_at_hand(item["id"], page, segments[page.pk])
        importer.count("created", len(items))

    def keep_at_hand(self, item_id, page, segments):
        self.at_hand.pop(item_id, None)
        self.at_hand[item_id] = (page, segments)
        while len(self.at_hand) > SOURCES_AT_HAND:
            del self.at_hand[next(iter(self.at_hand))]

    def source_of(self, item_id):
        if item_id not in self.at_hand:
            # Read back with its children and tags (a translation far from its source in the file).
            page = self.importer.source_pages[item_id]
            self.keep_at_hand(item_id, page, load_source_segments(page))
        return self.at_hand[item_id]

    def write_translations(self, lines):
        if not lines:
            return
        importer = self.importer
        translated_pages, records, tags, statuses = [], [], [], {}
        for number, item in lines:
            importer.line = number
            source, segments = self.source_of(item["id"])
            locale = importer.locales[item["locale"]]
            translated = set(translatable_fields(item["type"])) - NOT_TRANSLATION_VALUES
            values = {name: item[name] for name in translated if name in item}
            values.update(self.extension.translated_values(source, item))
            values["slug"] = item.get("slug") or slug_from_title(item["title"])
            paths = [value.path for value in segments.values]
            texts = translated_texts(source, values, paths)
            parent = importer.section(type(source), item["locale"])

            def placement(page, parent=parent, slug=values["slug"]):
                self.tree.place(page, parent, slugify(slug))

            page = translated_copy(source, locale, texts, segments, placement)
            set_state(page, self.statuses[item["id"]], timezone.now())
            translated_pages.append(page)
            tags.append((page, item.get("tags", [])))
            records.append((locale, texts, segments))
        insert_pages(translated_pages)
        self.tree.count_children()
        for page, (_number, item) in zip(translated_pages, lines, strict=True):
            statuses[page.pk] = self.statuses[item["id"]]
        insert_children(translated_pages)
        insert_tags(tags)
        save_revisions(translated_pages, statuses, importer.user)
        # Written without signals: each takes its source's view restrictions, as a copy by wagtail-localize does.
        restrict_new_translations(translated_pages)
        create_translations(records, importer.user)
        importer.count("created", len(lines))
