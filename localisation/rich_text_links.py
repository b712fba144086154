"""Page links inside a body's rich text, pointed at the page in the body's own language.

An editor links the page they see, and wagtail-localize copies the link
unchanged into every translation, so a Russian body's ``<a linktype="page"
id="…">`` names the English page. Where a body leaves the site as data (the
API v2 gives rich text as stored, or as HTML or Markdown on request), each such
link is swapped for the linked page's visible translation in the body's
locale, through :func:`localisation.relations.localize_page_groups` (the rule
of every related page): the page itself when it has none, and no address at
all (``<a>``, the text kept) when a visitor may not see it.
"""

from wagtail import blocks
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.rich_text.rewriters import FIND_A_TAG, extract_attrs

from .relations import localize_page_groups


def page_link_ids(source):
    """Ids of the pages that ``source`` (stored rich text) links to."""
    ids = set()
    for match in FIND_A_TAG.finditer(source or ""):
        attrs = extract_attrs(match.group(1))
        if attrs.get("linktype") == "page" and str(attrs.get("id", "")).isdigit():
            ids.add(int(attrs["id"]))
    return ids


def rewrite_page_links(source, targets):
    """``source`` with each page link's id replaced by ``targets[id]``, or the address dropped when None."""

    def replace(match):
        attrs = extract_attrs(match.group(1))
        if attrs.get("linktype") != "page":
            return match.group(0)
        target = targets.get(int(attrs["id"])) if str(attrs.get("id", "")).isdigit() else None
        return f'<a linktype="page" id="{target}">' if target is not None else "<a>"

    return FIND_A_TAG.sub(replace, source or "")


def rich_text_sources(block, value):
    """Every stored rich-text source in a block's value (streams and structs, at any depth)."""
    if isinstance(block, blocks.RichTextBlock):
        yield value.source if isinstance(value, RichText) else str(value or "")
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from rich_text_sources(child.block, child.value)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from rich_text_sources(child_block, value.get(name))


def map_rich_text(block, value, rewrite):
    """A copy of a block's value with ``rewrite`` applied to each rich-text source (block ids kept)."""
    if isinstance(block, blocks.RichTextBlock):
        source = value.source if isinstance(value, RichText) else str(value or "")
        return RichText(rewrite(source))
    if isinstance(block, blocks.StreamBlock):
        return blocks.StreamValue(
            block, [(child.block_type, map_rich_text(child.block, child.value, rewrite), child.id) for child in value]
        )
    if isinstance(block, blocks.StructBlock):
        return blocks.StructValue(
            block,
            [
                (name, map_rich_text(child_block, value.get(name), rewrite))
                for name, child_block in block.child_blocks.items()
            ],
        )
    return value


def localize_body_links(pages, *, site, field_name="body"):
    """``{page.pk: body}``: each page's StreamField with its rich-text page links localized to the page's locale.

    One query for the linked pages and those of ``localize_page_groups``,
    whatever the number of pages. A page whose body links no page keeps its body.
    """
    bodies = {page.pk: getattr(page, field_name) for page in pages}
    linked_ids = {
        page.pk: set().union(
            *(page_link_ids(source) for source in rich_text_sources(bodies[page.pk].stream_block, bodies[page.pk]))
        )
        for page in pages
    }
    linking = [page for page in pages if linked_ids[page.pk]]
    if not linking:
        return bodies
    linked = Page.objects.filter(pk__in=set().union(*linked_ids.values())).only("pk", "translation_key", "locale_id")
    linked = {page.pk: page for page in linked}
    groups = [([linked[pk] for pk in linked_ids[page.pk] if pk in linked], page.locale_id) for page in linking]
    for page, links in zip(linking, localize_page_groups(groups, site=site), strict=True):
        by_key = {link.page.translation_key: link.page.pk for link in links}
        targets = {pk: by_key.get(linked[pk].translation_key) if pk in linked else None for pk in linked_ids[page.pk]}
        body = bodies[page.pk]
        bodies[page.pk] = map_rich_text(
            body.stream_block, body, lambda source, targets=targets: rewrite_page_links(source, targets)
        )
    return bodies
