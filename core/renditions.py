"""The renditions the templates show, each named once by what it is for.

The templates ask for them by name (``{% named_picture image "card" %}``,
``core.templatetags.rendition_tags``) and the same names render them ahead of
any visitor (:func:`prerender`): the demo loader for the images it places, and
a background task for every uploaded image, so that no visitor's page waits
while AVIF and WebP files are encoded.
"""

from django.db import transaction
from django_tasks import task
from wagtail.images import get_image_model
from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_rendition_or_not_found, get_renditions_or_not_found

#: ``<picture>`` sources in three formats and several widths (``includes/picture.html``).
PICTURES = {
    # A page's main image and an image in its body, in the width of the text column.
    "main": "format-{avif,webp,jpeg} width-{480,800,1200}",
    # A listing card, cropped to 16:10 around the focal point.
    "card": "format-{avif,webp,jpeg} fill-{400x250,800x500}",
    # The home page's picture beside its introduction, 4:3.
    "hero": "format-{avif,webp,jpeg} fill-{480x360,720x540,1080x810}",
    # A heritage project's gallery thumbnails, 4:3.
    "gallery": "format-{avif,webp,jpeg} fill-{300x225,600x450}",
}

#: Single renditions.
RENDITIONS = {
    # The picture shared on social networks (og:image), their recommended 1.91:1.
    "share": "fill-1200x630",
    # An organisation's logo.
    "logo": "max-320x320|format-webp",
}

#: What an uploaded image is most likely shown as: a page's main image, its card and its shared picture.
UPLOAD_USAGES = ("main", "card", "share")


def picture_filters(usage):
    return [Filter(spec=spec) for spec in Filter.expand_spec(PICTURES[usage].split())]


def picture(image, usage):
    """The ``Picture`` (renditions grouped by format) of ``image`` for ``usage``."""
    return Picture(get_renditions_or_not_found(image, picture_filters(usage)))


def rendition(image, usage):
    return get_rendition_or_not_found(image, Filter(spec=RENDITIONS[usage]))


def prerender(image, usages):
    """Create the renditions of ``image`` for each of ``usages`` that do not exist yet."""
    for usage in usages:
        if usage in PICTURES:
            image.get_renditions(*picture_filters(usage))
        else:
            image.get_rendition(RENDITIONS[usage])


@task()
def prerender_image(image_id, usages=UPLOAD_USAGES):
    """The task worker's :func:`prerender`: an image deleted since it was queued is skipped."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is not None:
        prerender(image, usages)


def queue_prerender_on_upload(sender, instance, created, raw=False, **kwargs):
    """A new image's renditions are made by the task worker once its transaction commits."""
    if created and not raw:
        transaction.on_commit(lambda: prerender_image.enqueue(instance.pk))
