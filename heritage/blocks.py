"""Blocks specific to heritage projects."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class RecognitionBlock(blocks.StructBlock):
    """An award, listing or other recognition a heritage project received."""

    title = blocks.CharBlock(label=_("Recognition"), max_length=255)
    awarded_by = blocks.CharBlock(label=_("Awarded by"), required=False, max_length=255)
    year = blocks.IntegerBlock(label=_("Year"), required=False, min_value=1800, max_value=2200)

    class Meta:
        icon = "pick"
        template = "blocks/recognition_block.html"
        preview_value = {"title": "Protected heritage listing", "awarded_by": "Brussels-Capital Region", "year": 2015}
