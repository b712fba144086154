"""What :func:`interchange.exporter.page_items` reads once for a batch of pages (instances or rows).

An item needs, besides the page's own row, its tags, the pages its references
name, its parent and the view restrictions on it or its ancestors. Read one
page at a time that is several queries a page; here each is one query per
batch (a few for the parents, one per parent type), so exporting or comparing
a batch costs the same whatever its size.
"""

from collections import defaultdict

from wagtail.models import Page, PageViewRestriction

from core.registry import FieldKind, content_types

from .item_values import generated_id
from .page_rows import page_model


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


def _references(pages):
    """``{(page pk, field name): value}`` of the reference fields of ``pages``: the ids they name.

    Read as columns (the linked pages' ids and translation keys), one query per
    field and page type, rather than as the linked pages themselves.
    """
    by_model = defaultdict(list)
    for page in pages:
        by_model[page_model(page)].append(page.pk)
    found = {}
    for model, pks in by_model.items():
        entry = content_types().by_model.get(model)
        for field in entry.reference_fields if entry else ():
            if field.kind == FieldKind.REFERENCE:
                name = field.model_field or field.name
                rows = model.objects.filter(pk__in=pks).values_list(
                    "pk", f"{name}__external_id", f"{name}__translation_key"
                )
                for pk, external_id, key in rows:
                    found[pk, field.name] = generated_id(field.target, external_id, key) if key else None
                continue
            relation = model._meta.get_field(field.relation)
            parent, target = relation.field.attname, link_field(model, field).name
            for pk in pks:
                found[pk, field.name] = []
            # The relation's own ordering, as ``getattr(page, relation).all()`` gives the links.
            rows = relation.related_model.objects.filter(**{f"{parent}__in": pks}).values_list(
                parent, f"{target}__external_id", f"{target}__translation_key"
            )
            for pk, external_id, key in rows:
                found[pk, field.name].append(generated_id(field.target, external_id, key))
    return found


class ItemContext:
    """The view restrictions and tags of a batch of pages, and with ``is_source`` their parents and
    references (what a source's item holds and a translation's does not), read once."""

    def __init__(self, pages, is_source=True):
        steplen = Page.steplen
        parent_paths = {page.path[:-steplen] for page in pages if page.depth > 1} if is_source else ()
        found = list(Page.objects.filter(path__in=parent_paths)) if parent_paths else []
        interchange_parents = [parent for parent in found if parent.specific_class in content_types().by_model]
        specific = {
            parent.pk: parent for parent in Page.objects.filter(pk__in=[p.pk for p in interchange_parents]).specific()
        }
        self.parents = {parent.path: specific.get(parent.pk, parent) for parent in found}
        self.restricted_paths = set(PageViewRestriction.objects.values_list("page__path", flat=True))
        self.steplen = steplen
        self.tags = _tag_names(pages)
        self.references = _references(pages) if is_source else {}

    def parent_of(self, page):
        return self.parents[page.path[: -self.steplen]]

    def references_of(self, page, field):
        """The id (or ids) the reference ``field`` of the page names, as its own row has them."""
        return self.references[page.pk, field.name]

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
        by_through[page_model(page)._meta.get_field("tags").remote_field.through].append(page.pk)
    names = defaultdict(list)
    for through, pks in by_through.items():
        rows = through.objects.filter(content_object_id__in=pks).values_list("content_object_id", "tag__name")
        for pk, name in rows:
            names[pk].append(name)
    return names
