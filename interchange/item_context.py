"""What :func:`interchange.exporter.page_items` reads once for a batch of pages.

An item needs, besides the page's own row, its tags, the pages its references
name, its parent and the view restrictions on it or its ancestors. Read one
page at a time that is several queries a page; here each is one query per
batch (a few for the parents, one per parent type), so exporting or comparing
a batch costs the same whatever its size.
"""

from collections import defaultdict

from django.db.models import prefetch_related_objects
from wagtail.models import Page, PageViewRestriction

from core.registry import FieldKind, content_types


def link_field(model, field):
    """The foreign key of the links of ``field``'s relation (on ``model``) that names the linked page."""
    relation = model._meta.get_field(field.relation)
    target = content_types().get(field.target).model
    (link,) = (
        link
        for link in relation.related_model._meta.concrete_fields
        if link.is_relation and link.related_model is target and link is not relation.field
    )
    return link


def prefetch_item_relations(pages):
    """Load the referenced pages of ``pages`` (specific pages, any mix of types) in bulk."""
    by_model = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    for model, model_pages in by_model.items():
        entry = content_types().by_model.get(model)
        lookups = []
        if entry is not None:
            for field in entry.import_fields:
                if field.kind == FieldKind.REFERENCES:
                    lookups.append(f"{field.relation}__{link_field(model, field).name}")
                elif field.kind == FieldKind.REFERENCE:
                    lookups.append(field.model_field or field.name)
        prefetch_related_objects(model_pages, *lookups)


class ItemContext:
    """The parents and view restrictions of a batch of pages, read once."""

    def __init__(self, pages):
        steplen = Page.steplen
        parent_paths = {page.path[:-steplen] for page in pages if page.depth > 1}
        parents = Page.objects.filter(path__in=parent_paths)
        interchange_parents = [parent for parent in parents if parent.specific_class in content_types().by_model]
        specific = {
            parent.pk: parent for parent in Page.objects.filter(pk__in=[p.pk for p in interchange_parents]).specific()
        }
        self.parents = {parent.path: specific.get(parent.pk, parent) for parent in parents}
        self.restricted_paths = set(PageViewRestriction.objects.values_list("page__path", flat=True))
        self.steplen = steplen
        self.tags = _tag_names(pages)

    def parent_of(self, page):
        return self.parents[page.path[: -self.steplen]]

    def tags_of(self, page):
        """The names of the page's tags, as its own row has them."""
        return self.tags.get(page.pk, [])

    def is_restricted(self, page):
        """A restriction on the page itself (what the importer sets)."""
        return page.path in self.restricted_paths

    def is_hidden_by_restriction(self, page):
        """A restriction on the page or any of its ancestors (what a visitor meets)."""
        return any(
            page.path[:end] in self.restricted_paths for end in range(self.steplen, len(page.path) + 1, self.steplen)
        )


def _tag_names(pages):
    """``{page pk: [tag name, ...]}``, one query per tag table rather than a tag manager per page."""
    by_through = defaultdict(list)
    for page in pages:
        by_through[type(page)._meta.get_field("tags").remote_field.through].append(page.pk)
    names = defaultdict(list)
    for through, pks in by_through.items():
        rows = through.objects.filter(content_object_id__in=pks).values_list("content_object_id", "tag__name")
        for pk, name in rows:
            names[pk].append(name)
    return names
