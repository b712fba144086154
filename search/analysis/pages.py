"""A page's searchable texts and their analysed terms (``BasePage.search_terms``).

:data:`PAGE_TERM_ANALYSER` is what the search app registers with
:mod:`core.search_terms` when it starts, so that core's pages get their terms
without importing search.

Pages are indexed by terms analysed here in the page's own language, written
to two fields every backend indexes as they are (:data:`ANALYSED_FIELD_NAMES`):
the title's terms and the terms of all the page's text.
"""

from collections import defaultdict

from django.core.exceptions import FieldDoesNotExist
from modelsearch.index import SearchField
from taggit.managers import TaggableManager

from search.analysis.languages import page_language
from search.analysis.text import index_terms

#: Fields whose text is analysed into a page's own terms by ``page_search_terms``
#: rather than indexed raw.
ANALYSED_FIELD_NAMES = ("search_title_terms", "search_terms")


def _flatten(value):
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _flatten(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _flatten(item)]
    return [str(value)]


def tag_through_model(model):
    """The model of the tagged items of a page model's ``tags`` (``None`` for a
    model without tags): read from the model, so any app's tags are found."""
    try:
        tags = model._meta.get_field("tags")
    except FieldDoesNotExist:
        return None
    return tags.through if isinstance(tags, TaggableManager) else None


def page_texts(page):
    """Every searchable text of a page other than its title: the values of its
    model's other ``SearchField``s (summary, body, city, venue, place...) and its tags."""
    texts = []
    for search_field in page.get_search_fields():
        if not isinstance(search_field, SearchField):
            continue
        name = search_field.field_name
        if name != "title" and name not in ANALYSED_FIELD_NAMES:
            texts.extend(_flatten(search_field.get_value(page)))
    tag_names = getattr(page, "indexed_tag_names", None)
    if tag_names is None and tag_through_model(type(page)) is not None:
        tag_names = [tag.name for tag in page.tags.all()]
    texts.extend(tag_names or ())
    return texts


def attach_tag_names(pages):
    """Read the tags of many pages in one query, for :func:`page_texts`.

    Indexing a chunk of pages, or building a page of search results, would
    otherwise ask for each page's tags; Django's ``prefetch_related`` does
    ask once, but builds a taggit queryset per page on the way.
    """
    pages = list(pages)
    pks_by_through = defaultdict(list)
    for page in pages:
        through = tag_through_model(type(page))
        if through is not None:
            pks_by_through[through].append(page.pk)
    names = {pk: [] for pks in pks_by_through.values() for pk in pks}
    for through, pks in pks_by_through.items():
        rows = (
            through._default_manager.filter(content_object_id__in=pks)
            .order_by("tag__name")
            .values_list("content_object_id", "tag__name")
        )
        for page_id, name in rows:
            names[page_id].append(name)
    for page in pages:
        if page.pk in names:
            page.indexed_tag_names = names[page.pk]
    return pages


def page_title_terms(page):
    """The analysed terms of a page's title, in the page's language."""
    return " ".join(index_terms(page.title, page_language(page)))


def page_search_terms(page):
    """The analysed terms of all a page's text (title included), in the page's language."""
    language = page_language(page)
    return " ".join(index_terms(" ".join([page.title, *page_texts(page)]), language))


class SearchPageTermAnalyser:
    """The search app's :class:`core.search_terms.PageTermAnalyser`."""

    def title_terms(self, page):
        return page_title_terms(page)

    def text_terms(self, page):
        return page_search_terms(page)


PAGE_TERM_ANALYSER = SearchPageTermAnalyser()
