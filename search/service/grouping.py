"""One result per page: a search's matches grouped by translation.

Every translation of a page shares its translation key. Grouped, a search
shows each key once, where its best match ranks, as the version in the
visitor's language, else the source (the oldest translation, which the
others were translated from), with links to its other languages. Every
version shown or linked is one of the pages the search looks at
(:func:`search.service.visibility.visible_pages`, narrowed by its
parameters): a draft, private, expired or other site's translation is never
offered.
"""

from dataclasses import dataclass, field

from wagtail.models import Page

from search.analysis import language_of_locale


@dataclass
class TranslationGroup:
    """A page shown once: the version shown and its other languages."""

    key: object
    #: The pks of the group's matches, best first.
    matched: list = field(default_factory=list)
    #: The version shown (its pk), chosen by :func:`choose_versions`.
    shown: int | None = None
    #: The other versions, ``Page`` objects with their locales, in language order.
    others: list = field(default_factory=list)


def translation_groups(ranked_pks):
    """The :class:`TranslationGroup` of each translation key among ``ranked_pks``
    (best first), in the order of their best match."""
    keys = dict(Page.objects.filter(pk__in=ranked_pks).values_list("pk", "translation_key"))
    groups = {}
    for pk in ranked_pks:
        key = keys.get(pk)
        if key is None:
            continue
        groups.setdefault(key, TranslationGroup(key=key)).matched.append(pk)
    return list(groups.values())


def choose_versions(groups, pages, locale_id, content_types):
    """Fill each group's version shown (in ``locale_id``, else the source)
    and other versions, from ``pages`` (the pages the search may show);
    ``content_types`` (``{pk: content type}``) learns the versions' types."""
    if not groups:
        return groups
    versions = {}
    for page in pages.filter(translation_key__in=[group.key for group in groups]).select_related("locale"):
        versions.setdefault(page.translation_key, []).append(page)
        content_types.setdefault(page.pk, page.content_type_id)
    for group in groups:
        found = sorted(versions.get(group.key, ()), key=lambda page: page.pk)
        if not found:  # matched a moment ago, unpublished since: the best match stands
            group.shown = group.matched[0]
            continue
        preferred = [page for page in found if page.locale_id == locale_id]
        shown = preferred[0] if preferred else found[0]
        group.shown = shown.pk
        group.others = sorted(
            (page for page in found if page.pk != shown.pk), key=lambda page: language_of_locale(page.locale_id)
        )
    return groups
