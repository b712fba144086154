"""Wagtail hooks that apply the visibility rule (core.visibility) where Wagtail decides alone.

Wagtail serves any live page, also under a section unpublished alone, and links
any page from rich text; a page past
its ``expire_at`` stays live until ``publish_scheduled`` runs, and a rich-text
link names its target's address (its slug) whether or not a visitor may see it.
"""

from django.http import Http404
from django.utils import timezone
from django.utils.html import escape
from wagtail import hooks
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from core.visibility import has_unpublished_ancestor, visible_pages


@hooks.register("before_serve_page")
def refuse_expired_page(page, request, serve_args, serve_kwargs):
    """A page past its expiry date is gone for visitors, as it will be once unpublished."""
    if page.expire_at is not None and page.expire_at <= timezone.now():
        raise Http404


@hooks.register("before_serve_page")
def refuse_page_under_unpublished_section(page, request, serve_args, serve_kwargs):
    """A live page under a section unpublished alone is hidden with the section (Wagtail would route to it)."""
    if has_unpublished_ancestor(page):
        raise Http404


class VisiblePageLinkHandler(PageLinkHandler):
    """Rich-text page links: a link to a page a visitor may not see keeps its text and loses its address."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        targets = [page.localized if page else None for page in cls.get_many(attrs_list)]
        visible = set(
            visible_pages(Page.objects.filter(pk__in=[page.pk for page in targets if page])).values_list(
                "pk", flat=True
            )
        )
        return [
            f'<a href="{escape(page.url)}">' if page is not None and page.pk in visible else "<a>" for page in targets
        ]


# After Wagtail's own registration of the "page" link type, which this replaces.
@hooks.register("register_rich_text_features", order=100)
def register_visible_page_links(features):
    features.register_link_type(VisiblePageLinkHandler)
