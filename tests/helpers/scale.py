"""Many live pages at once, for tests that compare a page's cost on 3 and on 300 items.

Saving a page through Wagtail costs dozens of queries; here the rows of a batch
are written with one statement per table (the page table, then the model's
own), tree paths computed from the parent's last child. The pages are live,
published now, and each its own translation key (pass ``translation_key`` in
``fields`` to make translations).
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page


def add_pages(parent, model, count, fields=lambda number: {}):
    """``count`` live ``model`` pages under ``parent``; ``fields(number)`` gives each one's own fields."""
    parent = Page.objects.get(pk=parent.pk)
    last = parent.get_last_child()
    step = int(last.path[-Page.steplen :], 36) + 1 if last else 1
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    pages = []
    for number in range(count):
        values = {"title": f"{model.__name__} {number}", "slug": f"{model._meta.model_name}-{step + number}"}
        values.update(fields(number))
        values.setdefault("draft_title", values["title"])
        values.setdefault("translation_key", uuid.uuid4())
        page = model(**values)
        page.path = Page._get_path(parent.path, parent.depth + 1, step + number)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.locale_id = parent.locale_id
        page.content_type = content_type
        page.live = True
        page.first_published_at = page.last_published_at = now
        if hasattr(page, "compute_last_occurrence_end"):
            page.last_occurrence_end = page.compute_last_occurrence_end()
        pages.append(page)
    base_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    rows = Page.objects.bulk_create(
        [Page(**{field.attname: getattr(page, field.attname) for field in base_fields}) for page in pages]
    )
    for page, row in zip(pages, rows, strict=True):
        page.pk = page.id = page.page_ptr_id = row.pk
        page._state.adding = False
    model._base_manager._insert(pages, fields=list(model._meta.local_concrete_fields))
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + count)
    return pages
