"""Serializer fields of the API v2 that follow the visibility rule.

A related page is never serialized straight from its foreign key or child
relation: that would show drafts, expired, restricted and other sites' pages
by id and title, and the page an editor linked rather than the one in the API
page's language. These fields go through :func:`localisation.relations.localize_page_groups`
instead, for every page of a listing at once (the relation's rows are
prefetched for the whole batch, then two or four queries localize them all).

A related page is shown as a reference::

    {"id": 12, "title": "Координационный совет",
     "meta": {"type": "organisations.OrganisationPage", "detail_url": "…/api/v2/pages/12/",
              "html_url": "…/ru/organisations/sovet/", "locale": "ru"}}

in the API page's locale where a visible translation exists, else the linked
page itself (its own ``locale`` says so).
"""

from django.db.models import QuerySet, prefetch_related_objects
from django.utils import translation
from rest_framework.fields import Field
from wagtail.models import Locale, Page

from localisation.relations import localize_page_groups
from localisation.rich_text_links import localize_body_links


class CountryCodeField(Field):
    """A ``CountryField`` as its ISO code, or null when no country is set.

    django-countries gives a ``Country`` object even for an empty value, which
    JSON cannot encode.
    """

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return getattr(value, "code", value) or None


def page_reference(page, context):
    # Imported here: wagtail.api.v2 loads models, and page models import this module.
    from wagtail.api.v2.utils import get_object_detail_url

    page_type = page.specific_class or type(page)
    request = context.get("request")
    router = context.get("router")
    return {
        "id": page.pk,
        "title": page.title,
        "meta": {
            "type": f"{page_type._meta.app_label}.{page_type.__name__}",
            "detail_url": get_object_detail_url(router, request, Page, page.pk) if router else None,
            "html_url": page.get_full_url(request),
            "locale": page.locale.language_code,
        },
    }


class RelatedPagesField(Field):
    """The visible pages a page links to through a child relation, localized.

    ``RelatedPagesField("organisers", "organisation")`` serializes each
    ``organisers`` row's ``organisation`` as a page reference, in the order of
    the rows, leaving out the pages a visitor may not see.
    """

    def __init__(self, relation, page_field, **kwargs):
        kwargs.update(read_only=True, source="*")
        super().__init__(**kwargs)
        self.relation = relation
        self.page_field = page_field

    @property
    def prefetch_path(self):
        return f"{self.relation}__{self.page_field}"

    def rows(self, page):
        return list(getattr(page, self.relation).all())

    def linked_pages(self, page):
        return [linked for row in self.rows(page) if (linked := getattr(row, self.page_field)) is not None]

    def to_representation(self, page):
        return [page_reference(link.page, self.context) for link in self.links(page)]

    def links(self, page):
        """``page``'s localized links, computed once for every page of the batch being serialized."""
        cache = self.context.setdefault("_localized_relations", {})
        by_page = cache.setdefault((type(page), self.field_name), {})
        if page.pk not in by_page:
            batch = self.batch_of(page)
            prefetch_related_objects(batch, self.prefetch_path)
            groups = [(self.linked_pages(item), item.locale_id) for item in batch]
            for item, links in zip(batch, localize_page_groups(groups, site=self.site_of(page)), strict=True):
                by_page[item.pk] = links
        return by_page[page.pk]

    def batch_of(self, page):
        """The pages of the listing being serialized (of ``page``'s type), or ``page`` alone."""
        serialized = getattr(self.root, "instance", None)
        if isinstance(serialized, QuerySet | list | tuple):
            batch = [item for item in serialized if type(item) is type(page)]
            if any(item is page for item in batch):
                return batch
        return [page]

    def site_of(self, page):
        return self.context["site"] if "site" in self.context else page.get_site()


class RelatedPageField(RelatedPagesField):
    """A page's foreign key to another page, as one localized reference or null."""

    def __init__(self, page_field, **kwargs):
        super().__init__(relation=None, page_field=page_field, **kwargs)

    @property
    def prefetch_path(self):
        return self.page_field

    def linked_pages(self, page):
        linked = getattr(page, self.page_field)
        return [linked] if linked is not None else []

    def to_representation(self, page):
        links = self.links(page)
        return page_reference(links[0].page, self.context) if links else None


class ChildRowsField(RelatedPagesField):
    """Child rows with some of their own fields and their linked page (a reference, or null when hidden).

    ``ChildRowsField("activities", "linked_page", fields=["title", "carried_out"])``
    """

    def __init__(self, relation, page_field, fields, **kwargs):
        super().__init__(relation, page_field, **kwargs)
        self.row_fields = list(fields)

    def to_representation(self, page):
        by_key = {link.page.translation_key: link for link in self.links(page)}
        items = []
        for row in self.rows(page):
            linked = getattr(row, self.page_field)
            link = by_key.get(linked.translation_key) if linked is not None else None
            item = {name: getattr(row, name) for name in self.row_fields}
            item[self.page_field] = page_reference(link.page, self.context) if link else None
            items.append(item)
        return items


class LocalizedBodyField(RelatedPagesField):
    """A page's StreamField body whose rich-text page links point at pages of the page's own locale.

    Links are localized for every page of the batch at once
    (:func:`localisation.rich_text_links.localize_body_links`); rich text asked
    as HTML or Markdown is then expanded in the page's language, so its
    addresses are those of the same pages.
    """

    def __init__(self, page_field="body", **kwargs):
        super().__init__(relation=None, page_field=page_field, **kwargs)

    def to_representation(self, page):
        body = self.localized_body(page)
        language_code = self.locales()[page.locale_id].language_code
        with translation.override(language_code):
            return body.stream_block.get_api_representation(body, self.context)

    def localized_body(self, page):
        cache = self.context.setdefault("_localized_bodies", {})
        by_page = cache.setdefault(self.field_name, {})
        if page.pk not in by_page:
            by_page.update(
                localize_body_links(self.batch_of(page), site=self.site_of(page), field_name=self.page_field)
            )
        return by_page[page.pk]

    def batch_of(self, page):
        """The pages of the listing being serialized that have the field, or ``page`` alone."""
        serialized = getattr(self.root, "instance", None)
        if isinstance(serialized, QuerySet | list | tuple):
            batch = [item for item in serialized if hasattr(item, self.page_field)]
            if any(item is page for item in batch):
                return batch
        return [page]

    def locales(self):
        cache = self.context.setdefault("_locales", {})
        if not cache:
            cache.update(Locale.objects.in_bulk())
        return cache
