"""A view restriction applies to every translation of its page.

A page's translations share its ``translation_key`` and are its text in the
other languages: a members-only page must be members-only in every language.
Wagtail keeps a view restriction (``PageViewRestriction``: login, password or
groups) on one page and wagtail-localize does not copy it, so each translation
gets a copy of its own: Wagtail's serving, the admin's privacy indicator and
the visibility rule (:mod:`core.visibility`) then read it as they read any other.

Creating, changing (type, password, groups) or deleting a restriction
makes every translation's restrictions the same as its page's
(:func:`mirror_restrictions`); a new translation takes those of its page
(:func:`restrict_new_translations`). The copies are written under a guard, so that
their own signals do not start another round, and only where they differ.
"""

from contextvars import ContextVar

from django.db.models import QuerySet
from wagtail.models import Page, PageViewRestriction

#: Set while copies are written: their own signals must not start another round.
_mirroring = ContextVar("mirroring_restrictions", default=False)


def _shape(restriction):
    return (
        restriction.restriction_type,
        restriction.password,
        frozenset(group.pk for group in restriction.groups.all()),
    )


def _restrictions_by_page(page_ids):
    by_page = {page_id: [] for page_id in page_ids}
    for restriction in (
        PageViewRestriction.objects.filter(page_id__in=page_ids).prefetch_related("groups").order_by("pk")
    ):
        by_page[restriction.page_id].append(restriction)
    return by_page


def _set_restrictions(wanted, current, page_id):
    """Make ``current`` (one page's restrictions) match the shapes in ``wanted``, writing only what differs."""
    if [_shape(restriction) for restriction in current] == wanted:
        return
    token = _mirroring.set(True)
    try:
        for index, (restriction_type, password, groups) in enumerate(wanted):
            if index < len(current):
                restriction = current[index]
                if _shape(restriction) == (restriction_type, password, groups):
                    continue
                restriction.restriction_type, restriction.password = restriction_type, password
            else:
                restriction = PageViewRestriction(page_id=page_id, restriction_type=restriction_type, password=password)
            restriction.save()
            restriction.groups.set(groups)
        for restriction in current[len(wanted) :]:
            restriction.delete()
    finally:
        _mirroring.reset(token)


def mirror_restrictions(page_id):
    """Give every translation of the page ``page_id`` the same view restrictions as the page (none if it has none)."""
    key = Page.objects.filter(pk=page_id).values_list("translation_key", flat=True).first()
    if key is None:
        return
    wanted = [_shape(restriction) for restriction in _restrictions_by_page([page_id])[page_id]]
    translations = list(Page.objects.filter(translation_key=key).exclude(pk=page_id).values_list("pk", flat=True))
    for translation_id, current in _restrictions_by_page(translations).items():
        _set_restrictions(wanted, current, translation_id)


def restrict_new_translations(pages):
    """Give each of ``pages`` (new translations) the view restrictions of its other translations, if they have any.

    One query for all the pages' translations and one for their restrictions,
    so that the bulk import calls it once per batch; the restrictions read are
    those of the oldest translation that has any.
    """
    pages = list(pages)
    if not pages:
        return
    new_ids = {page.pk for page in pages}
    others = (
        Page.objects.filter(
            translation_key__in={page.translation_key for page in pages}, view_restrictions__isnull=False
        )
        .exclude(pk__in=new_ids)
        .order_by("pk")
        .values_list("translation_key", "pk")
        .distinct()
    )
    reference = {}
    for key, page_id in others:
        reference.setdefault(key, page_id)
    if not reference:
        return
    by_page = _restrictions_by_page(
        [*reference.values(), *(page.pk for page in pages if page.translation_key in reference)]
    )
    for page in pages:
        if page.translation_key in reference:
            wanted = [_shape(restriction) for restriction in by_page[reference[page.translation_key]]]
            _set_restrictions(wanted, by_page[page.pk], page.pk)


def restriction_saved(sender, instance, raw=False, **kwargs):
    """``post_save`` receiver for ``PageViewRestriction``."""
    if not raw and not _mirroring.get():
        mirror_restrictions(instance.page_id)


def restriction_groups_changed(sender, instance, action, reverse=False, pk_set=None, **kwargs):
    """``m2m_changed`` receiver for the restrictions' groups: the translations' copies follow."""
    if action not in ("post_add", "post_remove", "post_clear") or _mirroring.get():
        return
    if reverse:
        # Groups changed from the group's side (a group's restrictions): ``pk_set`` names the restrictions.
        pages = PageViewRestriction.objects.filter(pk__in=pk_set or ()).values_list("page_id", flat=True)
        for page_id in set(pages):
            mirror_restrictions(page_id)
    else:
        mirror_restrictions(instance.page_id)


def restriction_deleted(sender, instance, origin=None, **kwargs):
    """``post_delete`` receiver for ``PageViewRestriction``: lifted from the translations too.

    Only when the restriction itself was deleted: deleting a page (or a locale)
    deletes its restrictions with it, and its translations stay as they were.
    """
    if _mirroring.get():
        return
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    if model is PageViewRestriction:
        mirror_restrictions(instance.page_id)


def translation_copied(sender, source_obj, target_obj, **kwargs):
    """``copy_for_translation_done`` receiver: the new page, and the parents copied with it, get their restrictions."""
    if isinstance(target_obj, Page):
        restrict_new_translations([target_obj, *target_obj.get_ancestors().filter(depth__gt=1)])
