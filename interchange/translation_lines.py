"""How a translation line compares with the translation page already on the site.

A translation line says only its own language's text; the rest of the page (placement,
relations, synchronised fields) follows its source, so a line is unchanged when the page's
exported item equals the source's item with the line's translated fields put in.
"""

from .checks import IDENTITY_FIELDS, translatable_fields
from .source_pages import comparable

#: Item fields that describe where a translation sits, not what it says.
PLACEMENT_FIELDS = {*IDENTITY_FIELDS, "slug", "parent"}


def translated_fields(item_type):
    """The fields a translation of ``item_type`` says in its own language."""
    return set(translatable_fields(item_type)) - PLACEMENT_FIELDS


def is_unchanged_translation(item, source_item, current, current_item):
    """Whether the translation page ``current`` (exporting ``current_item``) already says what ``item`` asks."""
    translated = translated_fields(item["type"])
    expected = {name: value for name, value in source_item.items() if name not in translated | PLACEMENT_FIELDS}
    for name in translated:
        expected[name] = item.get(name, [] if name == "tags" else source_item.get(name))
    actual = {name: value for name, value in current_item.items() if name not in PLACEMENT_FIELDS}
    slug_unchanged = "slug" not in item or item["slug"] == current.slug
    return slug_unchanged and comparable(actual) == comparable(expected)
