"""Images in the renditions named in ``core.renditions``, so that templates and pre-rendering agree."""

from django import template

from core import renditions

register = template.Library()


@register.simple_tag
def named_picture(image, usage):
    """``{% named_picture image "card" as card_picture %}``: a ``Picture`` for ``includes/picture.html``."""
    if not image:
        return None
    return renditions.picture(image, usage)


@register.simple_tag
def named_rendition(image, usage):
    """``{% named_rendition image "share" as share_image %}``: one rendition, with url, width and height."""
    if not image:
        return None
    return renditions.rendition(image, usage)
