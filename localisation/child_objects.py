"""Making a page's existing child objects translatable, for data migrations.

wagtail-localize offers the text of a page's child objects (gallery captions,
activity titles) to translators only when their model is ``TranslatableMixin``.
A model that becomes one needs a locale and a translation key on every
existing row, and on the copies of those rows that the pages' revisions hold
(drafts, history to revert to), as wagtail-localize would have given them:
each child takes its page's locale, and the children at the same position in
one page's translations share a key.
"""

import uuid


def key_child_objects(apps, child_label, page_label, relation_name):
    """Fill ``translation_key`` and ``locale`` of every ``child_label`` row and of
    the ``relation_name`` children in the revisions of ``page_label`` pages.

    ``relation_name`` is the child relation on the page; the children are
    ordered as their inline panel shows them (``sort_order``, then id)."""
    child_model = apps.get_model(child_label)
    page_model = apps.get_model(page_label)
    revision_model = apps.get_model("wagtailcore", "Revision")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    parental_key = next(
        field.name
        for field in child_model._meta.fields
        if field.is_relation and field.related_query_name() == relation_name
    )
    pages = {
        pk: (translation_key, locale_id)
        for pk, translation_key, locale_id in page_model.objects.values_list("pk", "translation_key", "locale_id")
    }
    keys = {}  # (page's translation key, position) -> the children's translation key

    def key_of(page_id, position):
        return keys.setdefault((pages[page_id][0], position), uuid.uuid4())

    for page_id, (_translation_key, locale_id) in pages.items():
        children = child_model.objects.filter(**{parental_key: page_id}).order_by("sort_order", "pk")
        for position, child in enumerate(children):
            child.translation_key = key_of(page_id, position)
            child.locale_id = locale_id
            child.save(update_fields=["translation_key", "locale"])

    content_type = content_type_model.objects.filter(
        app_label=page_model._meta.app_label, model=page_model._meta.model_name
    ).first()
    if content_type is None:
        return
    for revision in revision_model.objects.filter(content_type_id=content_type.pk).iterator():
        page_id = int(revision.object_id)
        children = revision.content.get(relation_name) or []
        if page_id not in pages or not children:
            continue
        ordered = sorted(children, key=lambda child: (child.get("sort_order") is None, child.get("sort_order") or 0))
        for position, child in enumerate(ordered):
            child["translation_key"] = str(key_of(page_id, position))
            child["locale"] = pages[page_id][1]
        revision.save(update_fields=["content"])
