"""A search's response: its hits, each the page with its snippet, and the facets."""

import math
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from search.analysis import page_language
from search.service.parameters import SearchParams
from search.service.snippets import highlight, page_prose


@dataclass
class SearchHit:
    page: Page
    id: str | None
    title: str
    url: str
    locale: str
    type: str
    snippet: str
    promoted: bool = False
    #: Grouped results: the page's other languages, ``[{"locale", "title", "url"}]``
    #: (``None`` when results are not grouped).
    translations: list | None = None

    def as_dict(self):
        fields = {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "locale": self.locale,
            "type": self.type,
            "snippet": self.snippet,
        }
        if self.translations is not None:
            fields["translations"] = self.translations
        return fields


@dataclass
class SearchResponse:
    params: SearchParams
    count: int = 0
    results: list = field(default_factory=list)
    facets: dict = field(default_factory=lambda: {"type": {}, "locale": {}})
    #: The query with its misspelt words corrected (``None``: nothing to correct).
    did_you_mean: str | None = None

    @property
    def num_pages(self):
        return max(1, math.ceil(self.count / self.params.page_size))

    def as_dict(self):
        return {
            "query": self.params.q,
            "count": self.count,
            "page": self.params.page,
            "page_size": self.params.page_size,
            "results": [hit.as_dict() for hit in self.results],
            "facets": self.facets,
            "did_you_mean": self.did_you_mean,
        }


def page_url(page, request):
    parts = page.get_url_parts(request)
    return parts[2] if parts else page.url_path


def make_hit(page, analysed, request, type_name, matches, promoted=False):
    language = page_language(page)
    return SearchHit(
        page=page,
        id=getattr(page, "external_id", "") or None,
        title=page.title,
        url=page_url(page, request),
        locale=language,
        type=type_name(page.content_type_id),
        snippet=highlight(page_prose(page) or page.title, analysed, language, matches=matches),
        promoted=promoted,
    )


def specific_pages(pks, content_types):
    """The pages of ``pks`` as their own models, with their locales.

    ``content_types`` maps the pages whose type the engine gave to it: each
    model is asked for its pages at once, where Wagtail's ``specific()`` would
    first ask every page's type. A page not in it (a promoted page the query
    does not match) has its type asked.
    """
    unknown = [pk for pk in pks if pk not in content_types]
    if unknown:
        content_types = {**content_types, **dict(Page.objects.filter(pk__in=unknown).values_list("pk", "content_type"))}
    by_type = {}
    for pk in pks:
        if pk in content_types:
            by_type.setdefault(content_types[pk], []).append(pk)
    pages = []
    for content_type, type_pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type).model_class()
        if model is not None:  # None: a page model removed from the code
            pages.extend(model.objects.filter(pk__in=type_pks).select_related("locale"))
    return pages
