"""Which characters a page's text may hold: one rule for the editor and the content import.

Control characters (NUL, escape sequences, a carriage return on its own...)
have no visible form, break the formats the site writes (iCalendar, feeds,
JSON, HTML attributes) and are nearly always pasted by accident. A lone
surrogate is not text at all: no database can store it as UTF-8. So every
text field of a page refuses them: single-line fields (titles, names, alt
texts) allow a tab, multi-line fields (summaries, descriptions, body text)
also a line break (``\\n`` or ``\\r\\n``).

:func:`BasePage.clean <core.models.BasePage.clean>` applies the rule to every
text field of the page and to each text of its body's blocks; the content
import validates each line with that same ``clean``, and checks its plain
strings with :func:`text_problem`.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.rich_text import RichText

_SINGLE_LINE_REFUSED = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]")
_MULTI_LINE_REFUSED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]|\r(?!\n)")


def text_problem(value, *, multiline=False):
    """Why ``value`` may not be stored as page text, or None when it may."""
    match = (_MULTI_LINE_REFUSED if multiline else _SINGLE_LINE_REFUSED).search(value)
    if match is None:
        return None
    character = match.group()[0]
    code = f"U+{ord(character):04X}"
    if "\ud800" <= character <= "\udfff":
        return _("contains a lone surrogate (%(code)s), which is not a character") % {"code": code}
    if character in "\r\n":
        return _("contains a line break (%(code)s); this field holds one line") % {"code": code}
    return _("contains a control character (%(code)s) at position %(position)s") % {
        "code": code,
        "position": match.start() + 1,
    }


def _block_texts(block, value):
    """``(text, multiline)`` for every text in a block's value, whatever the nesting."""
    if isinstance(block, blocks.RichTextBlock):
        yield strip_tags(value.source if isinstance(value, RichText) else str(value or "")), True
    elif isinstance(block, blocks.TextBlock):
        yield value or "", True
    elif isinstance(block, blocks.FieldBlock) and isinstance(value, str):
        yield value, False
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from _block_texts(child_block, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for child in value or []:
            yield from _block_texts(block.child_block, getattr(child, "value", child))
    elif isinstance(block, blocks.StreamBlock):
        for child in value or []:
            yield from _block_texts(child.block, child.value)


def body_text_errors(stream_value):
    """Messages for the blocks of a StreamField value whose text breaks :func:`text_problem`."""
    messages = []
    for position, child in enumerate(stream_value or [], start=1):
        for text, multiline in _block_texts(child.block, child.value):
            problem = text_problem(text, multiline=multiline)
            if problem:
                messages.append(
                    _("Block %(position)s (%(type)s): %(problem)s")
                    % {"position": position, "type": child.block_type, "problem": problem}
                )
                break
    return messages


#: Copies of another field (the title): an error belongs to that field, which the form shows.
DERIVED_FIELDS = {"draft_title"}


def page_text_errors(page):
    """``{field name: [message]}`` for the page's text fields and body blocks that break the rule."""
    errors = {}
    for field in page._meta.concrete_fields:
        if not isinstance(field, (models.CharField, models.TextField)) or field.choices or not field.editable:
            continue
        if field.name in DERIVED_FIELDS:
            continue
        value = getattr(page, field.attname)
        if isinstance(value, str):
            problem = text_problem(value, multiline=isinstance(field, models.TextField))
            if problem:
                errors[field.name] = [problem]
    body = getattr(page, "body", None)
    if body is not None:
        messages = body_text_errors(body)
        if messages:
            errors["body"] = messages
    return errors


def validate_page_text(page):
    """Raise a ValidationError naming each field of ``page`` whose text breaks the rule."""
    errors = page_text_errors(page)
    if errors:
        raise ValidationError(errors)
