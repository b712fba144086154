"""Write many new pages at once: one statement per table per batch.

Saving a Wagtail page one at a time costs dozens of queries (tree bookkeeping,
validation, a revision, publishing, a log entry, tags, index tasks). A content
import creates thousands of pages that were validated beforehand and that
nobody can see before the import commits, so :class:`NewPages` writes what
those steps would have written, for a whole batch: the page rows (the base
table and each model's own table), their child relations and tags, one
revision each, the published state and the log entries. Search and reference
indexing are noted as tasks for :func:`search.batching.batched_tasks` to run once
at the end.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from modelsearch.tasks import insert_or_update_object_task
from taggit.models import Tag
from wagtail.models import Page, PageLogEntry, PageViewRestriction, ReferenceIndex, Revision

from core.cache_purge import purge_all_pages
from core.models import PageTag

#: Page fields that ``Page`` itself stores (its own table).
BASE_FIELDS = [field for field in Page._meta.local_concrete_fields if not field.primary_key]


class TreeSlots:
    """Where new children of a page go: the next free tree path under each
    parent and the slugs its children take.

    Read from the database once per parent and batch (other writes of the
    import, a section created or a page placed one at a time, may add
    children in between), plus the slugs reserved for pages still to come.
    """

    def __init__(self):
        self.parents = {}
        self.reserved = {}

    def _entry(self, parent):
        entry = self.parents.get(parent.pk)
        if entry is None:
            children = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            last_path = children.order_by("-path").values_list("path", flat=True).first()
            entry = {
                "next": Page._str2int(last_path[-Page.steplen :]) + 1 if last_path else 1,
                "slugs": set(children.values_list("slug", flat=True)) | self.reserved.get(parent.pk, set()),
                "added": 0,
                "parent": parent,
            }
            self.parents[parent.pk] = entry
        return entry

    def reserve_slug(self, parent, slug):
        """Keep ``slug`` for a page the import will place under ``parent`` later."""
        self.reserved.setdefault(parent.pk, set()).add(slug)
        if parent.pk in self.parents:
            self.parents[parent.pk]["slugs"].add(slug)

    def available_slug(self, parent, slug):
        """``slug``, or ``slug-1``, ``slug-2``... as :func:`wagtail.coreutils.find_available_slug` gives."""
        taken = self._entry(parent)["slugs"]
        candidate, number = slug, 1
        while candidate in taken:
            candidate = f"{slug}-{number}"
            number += 1
        return candidate

    def place(self, page, parent, slug, *, reserved=False):
        """Give ``page`` its tree position, slug and URL path as the last child of ``parent``."""
        entry = self._entry(parent)
        if not reserved:
            slug = self.available_slug(parent, slug)
        entry["slugs"].add(slug)
        page.path = Page._get_path(parent.path, parent.depth + 1, entry["next"])
        page.depth = parent.depth + 1
        page.numchild = 0
        page.slug = slug
        page.url_path = f"{parent.url_path}{slug}/"
        entry["next"] += 1
        entry["added"] += 1

    def count_children(self):
        """Add the children placed since the last call to their parents' ``numchild``; end the batch."""
        for entry in self.parents.values():
            if entry["added"]:
                Page.objects.filter(pk=entry["parent"].pk).update(numchild=F("numchild") + entry["added"])
                entry["parent"].numchild += entry["added"]
        self.parents = {}


def _insert_batches(model, objects, fields):
    batch_size = max(1, connection.ops.bulk_batch_size(fields, objects) or len(objects))
    for start in range(0, len(objects), batch_size):
        model._base_manager._insert(objects[start : start + batch_size], fields=fields, using=connection.alias)


def insert_pages(pages):
    """Insert the rows of the unsaved ``pages`` (of any page models): one
    statement for ``Page``'s table, one per model table."""
    rows = [Page(**{field.attname: getattr(page, field.attname) for field in BASE_FIELDS}) for page in pages]
    Page.objects.bulk_create(rows)
    by_model = defaultdict(list)
    for page, row in zip(pages, rows, strict=True):
        page.id = page.pk = row.pk
        by_model[type(page)].append(page)
    for model, model_pages in by_model.items():
        for table_model in [*reversed(model._meta.get_parent_list()), model]:
            if table_model is Page:
                continue
            for page in model_pages:
                setattr(page, table_model._meta.pk.attname, page.id)
            _insert_batches(table_model, model_pages, table_model._meta.local_concrete_fields)
        for page in model_pages:
            page._state.adding = False


def without_children(page):
    """Give a new page's child relations no objects in memory (a new page has none
    stored): serialising it then reads nothing from the database."""
    held = getattr(page, "_cluster_related_objects", {})
    for relation in get_all_child_relations(type(page)):
        accessor = relation.get_accessor_name()
        if accessor not in held:
            setattr(page, accessor, [])
    return page


def insert_children(pages):
    """Insert the in-memory child objects (memberships, organisers, tags...) of saved ``pages``."""
    by_model = defaultdict(list)
    for page in pages:
        for relation in get_all_child_relations(type(page)):
            accessor = relation.get_accessor_name()
            if accessor == "tagged_items":
                continue  # written by insert_tags
            for child in getattr(page, "_cluster_related_objects", {}).get(accessor, []):
                setattr(child, relation.field.attname, page.pk)
                child.pk = None
                by_model[relation.related_model].append(child)
    for model, children in by_model.items():
        model.objects.bulk_create(children)


def insert_tags(tag_names_by_page):
    """``[(page, [tag name])]``: tag the saved pages, creating the tags that do not exist yet."""
    names = {name for _page, tag_names in tag_names_by_page for name in tag_names}
    tags = {}
    for chunk in _chunks(sorted(names)):
        tags.update({tag.name: tag for tag in Tag.objects.filter(name__in=chunk)})
    for name in sorted(names - tags.keys()):
        # One at a time: taggit finds a free slug for each (rare: tags repeat across pages).
        tags[name] = Tag.objects.create(name=name)
    tagged = []
    for page, tag_names in tag_names_by_page:
        # Kept on the page too: its revision and its translation source hold its tags.
        page.tagged_items = [PageTag(content_object_id=page.pk, tag=tags[name]) for name in dict.fromkeys(tag_names)]
        tagged.extend(page.tagged_items.all())
    PageTag.objects.bulk_create(tagged)


def _chunks(values, size=500):
    return [values[start : start + size] for start in range(0, len(values), size)]


def set_state(page, status, now):
    """The state ``save_revision`` then ``publish`` (or only ``save_revision``, for a
    draft) leave the page in, set before the page is written."""
    page.draft_title = page.title
    page.latest_revision_created_at = now
    if status != "draft":
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.first_published_at or now
        page.last_published_at = now
    else:
        page.live, page.has_unpublished_changes = False, True


def save_revisions(pages, statuses, user=None):
    """Give each saved page (its state set by :func:`set_state`) a revision of its
    content, as its latest and, when live, its live revision; log and restrict as
    ``save_revision`` and ``publish`` would."""
    now = timezone.now()
    page_type = ContentType.objects.get_for_model(Page)
    revisions = [
        Revision(
            content_type_id=page.content_type_id,
            base_content_type_id=page_type.pk,
            object_id=str(page.pk),
            created_at=now,
            user=user,
            object_str=str(page),
            content=page.serializable_data(),
        )
        for page in pages
    ]
    Revision.objects.bulk_create(revisions)
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = revision
        page.live_revision = revision if page.live else None
    # Two statements for the batch (a CASE per row and field would be built in Python, row by row).
    revision_of_page = Revision.objects.filter(
        base_content_type=page_type, object_id=Cast(OuterRef("pk"), output_field=CharField())
    ).order_by("-pk")
    batch = Page.objects.filter(pk__in=[page.pk for page in pages])
    batch.update(latest_revision=Subquery(revision_of_page.values("pk")[:1]))
    batch.filter(live=True).update(live_revision=F("latest_revision"))
    _log(pages, revisions, user, now)
    PageViewRestriction.objects.bulk_create(
        PageViewRestriction(page_id=page.pk, restriction_type=PageViewRestriction.LOGIN)
        for page in pages
        if statuses[page.pk] == "private"
    )
    _note_index_tasks(pages)
    if any(page.live for page in pages):
        # What publishing each page would have signalled: any cached page may list the new ones.
        purge_all_pages()


def _log(pages, revisions, user, now):
    entries = []
    for page, revision in zip(pages, revisions, strict=True):
        content_type = ContentType.objects.get_for_model(page, for_concrete_model=False)
        title = page.get_admin_display_title()
        common = {"content_type": content_type, "label": title, "user": user, "page_id": page.pk, "timestamp": now}
        entries.append(PageLogEntry(action="wagtail.create", content_changed=True, data={}, **common))
        entries.append(PageLogEntry(action="wagtail.edit", content_changed=True, revision=revision, data={}, **common))
        if page.live:
            entries.append(
                PageLogEntry(action="wagtail.publish", content_changed=True, revision=revision, data={}, **common)
            )
    PageLogEntry.objects.bulk_create(entries)


def _note_index_tasks(pages):
    """Index the pages' references (new pages have none recorded yet: no reading
    back, one statement for the batch) and note their search-index updates for
    the end of the import."""
    references = []
    for page in pages:
        if not ReferenceIndex.is_indexed(type(page)):
            continue
        content_types = [
            ContentType.objects.get_for_model(model, for_concrete_model=False)
            for model in [type(page), *page._meta.get_parent_list()]
        ]
        for to_content_type_id, to_object_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(page)
        ):
            references.append(
                ReferenceIndex(
                    content_type=content_types[0],
                    base_content_type=content_types[-1],
                    object_id=page.pk,
                    to_content_type_id=to_content_type_id,
                    to_object_id=to_object_id,
                    model_path=model_path,
                    content_path=content_path,
                    content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                )
            )
    ReferenceIndex.objects.bulk_create(references, ignore_conflicts=True)
    for page in pages:
        insert_or_update_object_task.enqueue(page._meta.app_label, page._meta.model_name, str(page.pk))
