"""The read-only Wagtail API v2 at /api/v2/: pages, images and documents.

Pages start from the one visibility rule (:mod:`core.visibility`) for the
requested site: live, not past their expiry date, unrestricted, on that site
(Wagtail's own endpoint keeps expired pages until ``publish_scheduled`` runs).
Related pages are serialized by :mod:`localisation.api_fields`, through the same
rule and in the API page's locale. Documents and images in a collection closed
to visitors are left out, as nothing a visitor may not see appears in the API.

Every content page carries its summary, tags, body (StreamField as JSON) and
main image with renditions (:mod:`config.api_content`) besides its type's own
fields. The public APIs (these and search) are described by an OpenAPI
document at ``/api/openapi.json`` (:mod:`config.openapi`).

Every query parameter is checked before it reaches the database: a value the
database cannot hold (a huge offset or id, a date that is no date, a NUL
character) or a name the endpoint does not know is a 400 with a JSON message,
never a 500.
"""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.functional import cached_property
from django_countries.fields import CountryField
from taggit.managers import TaggableManager
from wagtail.api.v2.filters import FieldsFilter, LocaleFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageAliasOfField, PageSerializer
from wagtail.api.v2.utils import BadRequestError, parse_fields_parameter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.fields import StreamField
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Locale, Page, Site

from config.api_content import CONTENT_API_FIELDS, CONTENT_PREFETCH, restricted_collections
from core.models import BasePage
from core.visibility import visible_pages
from localisation.api_fields import CountryCodeField, RelatedPagesField

# The largest offset, limit or id a query may give: what a 32-bit column holds.
MAX_INTEGER = 2**31 - 1
SEARCH_OPERATORS = ("and", "or")


def parse_whole_number(name, value, maximum=MAX_INTEGER):
    # The length before int(): it refuses strings of thousands of digits.
    if not (value.isascii() and value.isdigit()) or len(value.lstrip("0")) > len(str(maximum)) or int(value) > maximum:
        raise BadRequestError(f"{name} must be a whole number from 0 to {maximum}")
    return int(value)


def filterable(model, name):
    """Whether ``?name=`` may filter or order ``model``: a plain column or tags, not a reverse relation or a stream."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return True
    if isinstance(field, TaggableManager):
        return True
    return field.concrete and not field.many_to_many and not isinstance(field, StreamField)


def check_filter_value(model, name, value):
    """Refuse a filter value its column cannot hold, with the field's own message."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return
    if isinstance(field, TaggableManager | models.BooleanField):
        return  # Wagtail parses these itself and answers 400 on a bad value.
    target = field.target_field if isinstance(field, models.ForeignKey) else field
    try:
        target.run_validators(target.to_python(value))
    except ValidationError as error:
        raise BadRequestError(f"{value!r} is not a valid value for {name}: {' '.join(error.messages)}") from None


class CheckedFieldsFilter(FieldsFilter):
    def filter_queryset(self, request, queryset, view):
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True)) - {"locale"}
        for name, value in request.GET.items():
            if name in fields:
                check_filter_value(queryset.model, name, value)
        return super().filter_queryset(request, queryset, view)


class CheckedLocaleFilter(LocaleFilter):
    """An unknown language is a client error (Wagtail answers 404 as if the page list were missing)."""

    def filter_queryset(self, request, queryset, view):
        if "locale" in request.GET:
            codes = list(Locale.objects.values_list("language_code", flat=True))
            if request.GET["locale"] not in codes:
                raise BadRequestError(f"locale must be one of: {', '.join(sorted(codes))}")
        return super().filter_queryset(request, queryset, view)


def checked_backends(backends):
    replacements = {FieldsFilter: CheckedFieldsFilter, LocaleFilter: CheckedLocaleFilter}
    return [replacements.get(backend, backend) for backend in backends]


class CheckedPagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        for name in ("offset", "limit"):
            if name in request.GET:
                parse_whole_number(name, request.GET[name])
        return super().paginate_queryset(queryset, request, view)


class CheckedParametersMixin:
    """What every endpoint checks of its query parameters before Wagtail reads them."""

    pagination_class = CheckedPagination

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                raise BadRequestError("null characters are not allowed in query parameters")
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError(f"search_operator must be one of: {', '.join(SEARCH_OPERATORS)}")

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = super().get_available_fields(model, db_fields_only=db_fields_only)
        if db_fields_only:
            fields = [name for name in fields if filterable(model, name)]
        return fields

    def find_object(self, queryset, request):
        if "id" in request.GET:
            parse_whole_number("id", request.GET["id"])
        return super().find_object(queryset, request)


class VisibleAliasOfField(PageAliasOfField):
    """The page an alias copies, only when a visitor may see it."""

    def get_attribute(self, instance):
        if instance.alias_of_id is None:
            return None
        return self.context["base_queryset"].filter(pk=instance.alias_of_id).first()


class VisiblePageSerializer(PageSerializer):
    alias_of = VisibleAliasOfField(read_only=True)

    def build_standard_field(self, field_name, model_field):
        if isinstance(model_field, CountryField):
            return CountryCodeField, {}
        return super().build_standard_field(field_name, model_field)


def requested_site(request):
    """The site of ``?site=host[:port]``, or the request's own; a site that does not exist is a 400."""
    value = request.GET.get("site")
    if not value:
        return Site.find_for_request(request)
    hostname, has_port, port = value.partition(":")
    query = {"hostname": hostname}
    if has_port:
        query["port"] = parse_whole_number("site port", port, maximum=65535)
    sites = list(Site.objects.filter(**query)[:2])
    if not sites:
        raise BadRequestError(f"site {value!r} does not exist")
    if len(sites) > 1:
        raise BadRequestError("several sites have this hostname: add the port (site=host:port)")
    return sites[0]


class VisiblePagesAPIViewSet(CheckedParametersMixin, PagesAPIViewSet):
    """Wagtail's pages endpoint, starting from the visibility rule for the requested site."""

    base_serializer_class = VisiblePageSerializer
    filter_backends = checked_backends(PagesAPIViewSet.filter_backends)

    @cached_property
    def site(self):
        return requested_site(self.request)

    @cached_property
    def visible_queryset(self):
        # Asked for by the listing, the filters and the serializer: the rule's light queries run once.
        return Page.objects.none() if self.site is None else visible_pages(Page.objects.all(), self.site)

    def get_site(self):
        return self.site

    def get_base_queryset(self):
        return self.visible_queryset

    def get_queryset(self):
        # Every item names its language.
        queryset = super().get_queryset().select_related("locale")
        if issubclass(queryset.model, BasePage):
            queryset = queryset.prefetch_related(*self.content_prefetch())
        return queryset

    def content_prefetch(self):
        """The relations of the content fields a listing asks for (``fields=tags,image`` or ``*``)."""
        try:
            fields_config = parse_fields_parameter(self.request.GET.get("fields", ""))
        except ValueError:
            return []  # refused, with its reason, when the serializer is built
        asked = {name for name, negated, _sub in fields_config if not negated}
        everything = "*" in asked
        return [path for name, paths in CONTENT_PREFETCH.items() if everything or name in asked for path in paths]

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "site": self.get_site()}

    @classmethod
    def get_body_fields(cls, model):
        fields = super().get_body_fields(model)
        if issubclass(model, BasePage):
            declared = {field.name for field in fields}
            fields += [field for field in CONTENT_API_FIELDS if field.name not in declared]
        return fields

    def get_serializer_class(self):
        # Related pages are references of fixed fields (localisation.api_fields), not
        # the child rows Wagtail would let ``organisers(...)`` choose from.
        # Checked here, in DRF's public hook, before Wagtail builds the serializer.
        if "fields" in self.request.GET:
            model = self.get_queryset().model if self.action == "listing_view" else type(self.get_object())
            self.refuse_nested_references(model)
        return super().get_serializer_class()

    def refuse_nested_references(self, model):
        try:
            fields_config = parse_fields_parameter(self.request.GET["fields"])
        except ValueError as error:
            raise BadRequestError(f"fields error: {error}") from error
        references = {
            field.name for field in self.get_body_fields(model) if isinstance(field.serializer, RelatedPagesField)
        }
        for name, _negated, sub_fields in fields_config:
            if sub_fields and name in references:
                raise BadRequestError(f"'{name}' does not support nested fields")


class PublicCollectionsMixin:
    def get_queryset(self):
        return super().get_queryset().exclude(collection__in=restricted_collections())


class PublicImagesAPIViewSet(CheckedParametersMixin, PublicCollectionsMixin, ImagesAPIViewSet):
    filter_backends = checked_backends(ImagesAPIViewSet.filter_backends)


class PublicDocumentsAPIViewSet(CheckedParametersMixin, PublicCollectionsMixin, DocumentsAPIViewSet):
    filter_backends = checked_backends(DocumentsAPIViewSet.filter_backends)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", VisiblePagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
