"""Parts of a page that every visitor sees alike, kept until the content changes.

``{% kept_fragment "name" value ... %}…{% endkept_fragment %}`` renders its
content once and keeps the HTML in the content cache (:mod:`core.cache`),
keyed on the content version, the page being served and the address it is
served at (a routable page's sub-routes are other views of it), the active
language, the request's scheme and host (its site, and whether links to other
sites are absolute) and the values given: a publish, unpublish, move, deletion or change
of view restriction anywhere moves the version on and the next request renders
it again. An entry lives at most ``PAGE_CACHE_SECONDS`` (lists of what is
upcoming change with time alone) and never past the next ``expire_at`` of a
live page, so an expired page never shows in a kept list.

What goes inside must depend on nothing else: no user, no session, no CSRF
token, no query parameter that is not among the values. Outside a live page
served to a visitor (a preview, a view that is not a page), and when a value
is None or missing (a view's way of saying "not this request"), the content is
rendered every time.
"""

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page

from core.cache import content_cache, content_cache_key, kept_seconds

register = template.Library()


def fragment_seconds():
    """How long a fragment may be kept: the page cache's time, less when a live page expires sooner."""
    return kept_seconds(int(getattr(settings, "PAGE_CACHE_SECONDS", 300)))


def fragment_key(context, name, values):
    """The cache key of a fragment in ``context``, or None when it must not be kept."""
    request = context.get("request")
    page = context.get("page")
    if request is None or not isinstance(page, Page) or not page.live or getattr(request, "is_preview", False):
        return None
    if any(value is None or value == "" for value in values):
        return None
    return content_cache_key(
        "fragment", name, page.pk, request.path, get_language(), request.scheme, request.get_host(), *map(repr, values)
    )


class KeptFragmentNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name, values):
        self.nodelist = nodelist
        self.name = name
        self.values = values

    def render(self, context):
        key = fragment_key(context, self.name.resolve(context), [value.resolve(context) for value in self.values])
        if key is None:
            return self.nodelist.render(context)
        html = content_cache().get(key)
        if html is None:
            html = str(self.nodelist.render(context))
            content_cache().set(key, html, fragment_seconds())
        return mark_safe(html)  # noqa: S308 - HTML this template rendered


@register.tag
def kept_fragment(parser, token):
    """``{% kept_fragment "name" value ... %}…{% endkept_fragment %}``: see the module's docstring."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name")
    nodelist = parser.parse(("endkept_fragment",))
    parser.delete_first_token()
    return KeptFragmentNode(nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]])
