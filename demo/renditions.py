"""The demo's renditions, made ahead of its first visitors: by the task worker, or while it loads."""

from collections import defaultdict

from wagtail.images import get_image_model
from wagtail.models import get_page_models

from core.models import BasePage
from core.renditions import prerender, prerender_image
from heritage.models import HeritageGalleryImage
from home.models import HomePage
from organisations.models import OrganisationPage


def image_usages():
    """``{image id: {usage, ...}}`` for every image the demo's pages show, by what they show it as."""
    usages = defaultdict(set)
    for model in get_page_models():
        if not issubclass(model, BasePage) or model._meta.abstract:
            continue
        # A page's main image: in the page, on its cards in listings and as its shared picture;
        # the home page shows it beside its introduction instead.
        page_usages = {"hero", "share"} if issubclass(model, HomePage) else {"main", "card", "share"}
        for image_id, body in model.objects.values_list("image_id", "body"):
            if image_id:
                usages[image_id] |= page_usages
            for block in body:
                if block.block_type == "image" and block.value["image"]:
                    usages[block.value["image"].pk].add("main")
    for logo_id in OrganisationPage.objects.exclude(logo=None).values_list("logo_id", flat=True):
        usages[logo_id].add("logo")
    for image_id in HeritageGalleryImage.objects.values_list("image_id", flat=True):
        usages[image_id].add("gallery")
    return usages


def prerender_demo_images():
    """Create every rendition the demo's pages show that does not exist yet; the number of images."""
    usages = image_usages()
    for image in get_image_model().objects.filter(pk__in=usages):
        prerender(image, sorted(usages[image.pk]))
    return len(usages)


def queue_demo_images():
    """Queue :func:`prerender_demo_images`'s work for the task worker, one task an image; the number of images.

    Encoding AVIF is most of the demo's loading time; the worker started beside
    the server makes the pictures in its first minute, and a page shown before
    that makes the ones it needs, as Wagtail does for any image.
    """
    usages = image_usages()
    for image_id, shown_as in usages.items():
        prerender_image.enqueue(image_id, sorted(shown_as))
    return len(usages)
