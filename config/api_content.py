"""What every content page carries in the API v2 besides its own fields.

Each page type declares its own ``api_fields`` (dates, places, relations);
the pages endpoint adds these to every type built on ``core.models.BasePage``:

- ``summary`` and ``tags`` (the page's own, in its language, by name);
- ``body``: the StreamField as structured JSON, one ``{"type", "value", "id"}``
  object per block (rich text as stored, or as HTML with ``?rich_text_format=html``;
  an image block names the image by id, see ``/api/v2/images/<id>/``; a
  link to a page names that page's visible translation in the served page's
  locale, or loses its address when a visitor may not see it:
  ``localisation.rich_text_links``);
- ``image``: the main image with its alternative text and renditions in the
  sizes the site uses, or null (also when the image's collection is closed to
  visitors, as the images endpoint leaves those out).
"""

from rest_framework.fields import Field
from wagtail.api import APIField
from wagtail.models import Collection, CollectionViewRestriction

from localisation.api_fields import LocalizedBodyField

#: Relations the content fields read, prefetched for a whole listing when one of them is asked for.
CONTENT_PREFETCH = {"tags": ("tags",), "image": ("image__renditions",)}

#: Renditions given for a main image: a card, a page's width and a wide screen's.
MAIN_IMAGE_RENDITIONS = {
    "thumbnail": "fill-400x300",
    "medium": "width-800",
    "large": "width-1600",
}


def restricted_collections():
    """Collections with a view restriction, and everything inside them."""
    restricted = Collection.objects.none()
    for restriction in CollectionViewRestriction.objects.select_related("collection"):
        restricted |= restriction.collection.get_descendants(inclusive=True)
    return restricted


def _absolute(request, url):
    return request.build_absolute_uri(url) if request is not None else url


class MainImageField(Field):
    """A page's main image: id, title, alternative text, size and renditions (or null)."""

    def __init__(self, **kwargs):
        kwargs.update(read_only=True, source="*")
        super().__init__(**kwargs)

    def to_representation(self, page):
        image = page.image
        if image is None or image.collection_id in self.closed_collections():
            return None
        request = self.context.get("request")
        renditions = image.get_renditions(*MAIN_IMAGE_RENDITIONS.values())
        return {
            "id": image.pk,
            "title": image.title,
            "alt": page.image_alt,
            "width": image.width,
            "height": image.height,
            "renditions": {
                name: {
                    "url": _absolute(request, renditions[spec].url),
                    "width": renditions[spec].width,
                    "height": renditions[spec].height,
                }
                for name, spec in MAIN_IMAGE_RENDITIONS.items()
            },
        }

    def closed_collections(self):
        """Ids of the collections visitors may not see, once per serialization."""
        cache = self.context.setdefault("_closed_collections", {})
        if "ids" not in cache:
            cache["ids"] = set(restricted_collections().values_list("pk", flat=True))
        return cache["ids"]


class TagNamesField(Field):
    """A page's tags by name, alphabetically; read from the listing's prefetched tags (no query per page)."""

    def to_representation(self, tags):
        return sorted((tag.name for tag in tags.all()), key=str.casefold)


#: Added to the fields of every page type built on BasePage (see VisiblePagesAPIViewSet.get_body_fields).
CONTENT_API_FIELDS = [
    APIField("summary"),
    APIField("tags", serializer=TagNamesField(read_only=True)),
    APIField("body", serializer=LocalizedBodyField()),
    APIField("image", serializer=MainImageField()),
]
