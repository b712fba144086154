"""The read-only Wagtail API v2 at /api/v2/: pages, images and documents.

Pages are filtered to live, public pages of the requested site by Wagtail
(``?type=events.EventPage&locale=nl`` narrows them). Documents and images in a
collection closed to visitors are left out, as nothing a visitor may not see
appears in the API.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Collection, CollectionViewRestriction


def restricted_collections():
    """Collections with a view restriction, and everything inside them."""
    restricted = Collection.objects.none()
    for restriction in CollectionViewRestriction.objects.select_related("collection"):
        restricted |= restriction.collection.get_descendants(inclusive=True)
    return restricted


class PublicCollectionsMixin:
    def get_queryset(self):
        return super().get_queryset().exclude(collection__in=restricted_collections())


class PublicImagesAPIViewSet(PublicCollectionsMixin, ImagesAPIViewSet):
    pass


class PublicDocumentsAPIViewSet(PublicCollectionsMixin, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
