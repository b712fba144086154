"""Heritage projects: graves, archives, icons, buildings the network preserves."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from core.cache import query_key
from core.models import IMAGE_PREFETCH, BasePage
from core.registry import ContentTypeEntry, FieldKind, ImportField
from localisation.api_fields import RelatedPagesField
from localisation.relations import localize_pages

from .blocks import RecognitionBlock


class HeritageIndexPage(BasePage):
    """The list of heritage projects, running ones first."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["heritage.HeritageProjectPage"]
    max_count_per_parent = 1

    PER_PAGE = 12

    class Meta:
        verbose_name = _("heritage index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Running projects (no end year) first, then finished ones, most recent first.
        projects = (
            HeritageProjectPage.objects.child_of(self)
            .visible()
            .select_related("image", "locale")
            .prefetch_related(*IMAGE_PREFETCH)
            .order_by(F("end_year").desc(nulls_first=True), F("start_year").desc(nulls_last=True), "title")
        )
        # Read when the template renders the list: not while its kept fragment holds (fragment_tags).
        context["projects"] = SimpleLazyObject(
            lambda: Paginator(projects, self.PER_PAGE).get_page(request.GET.get("page"))
        )
        context["listing_key"] = query_key(request, {"page"})
        return context


class HeritageProjectPage(BasePage):
    """A project preserving the community's heritage, run by organisations."""

    # Years are counted from 1: there is no year 0 (an empty field is an unknown year).
    start_year = models.PositiveSmallIntegerField(
        _("start year"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty while the project is running."),
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    country = CountryField(_("country"), blank=True)
    recognitions = StreamField(
        blocks.StreamBlock([("recognition", RecognitionBlock())]), blank=True, verbose_name=_("recognitions")
    )

    content_panels = BasePage.content_panels[:1] + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
                FieldRowPanel([FieldPanel("place"), FieldPanel("country")]),
            ],
            heading=_("Project"),
        ),
        InlinePanel("project_organisations", label=_("Organisations involved")),
        *BasePage.content_panels[1:],
        FieldPanel("recognitions"),
        InlinePanel("gallery_images", label=_("Gallery")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("place"),
        index.FilterField("country"),
        index.FilterField("start_year"),
        index.FilterField("end_year"),
    ]

    api_fields = [
        *(APIField(name) for name in ("start_year", "end_year", "place", "country", "summary", "recognitions")),
        APIField("project_organisations", serializer=RelatedPagesField("project_organisations", "organisation")),
    ]

    parent_page_types = ["heritage.HeritageIndexPage"]
    subpage_types = []

    registry_entry = ContentTypeEntry(
        name="heritage_project",
        section_title=gettext_noop("Heritage"),
        import_fields=(
            ImportField("place", FieldKind.TEXT, translatable=True),
            ImportField("organisations", FieldKind.REFERENCES, target="organisation", relation="project_organisations"),
            ImportField("start_year", FieldKind.YEAR),
            ImportField("end_year", FieldKind.YEAR),
            ImportField("country", FieldKind.COUNTRY),
        ),
    )

    class Meta:
        verbose_name = _("heritage project")

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("A project cannot end before it starts.")})

    @property
    def is_running(self):
        return self.end_year is None

    @cached_property
    def gallery(self):
        """The gallery's photographs with their images, in one query."""
        return list(self.gallery_images.select_related("image"))

    @cached_property
    def organisations(self):
        return localize_pages(
            [link.organisation for link in self.project_organisations.select_related("organisation")],
            self.locale,
            site=self.get_site(),
        )


class HeritageProjectOrganisation(Orderable):
    project = ParentalKey(HeritageProjectPage, on_delete=models.CASCADE, related_name="project_organisations")
    organisation = models.ForeignKey(
        "organisations.OrganisationPage",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="heritage_links",
    )

    panels = [FieldPanel("organisation")]
    api_fields = [APIField("organisation")]


class HeritageGalleryImage(TranslatableMixin, Orderable):
    """A photograph of a project's gallery.

    Translatable, so that wagtail-localize offers its caption and alternative
    text to translators (it extracts text from a page's child objects only when
    they are): each translation of the project has its own copy, sharing the
    source image's translation key; the image itself stays the source's. An
    image added in the editor takes the project's locale (Wagtail's
    ``set_locale_on_new_instance``, through the parental key).
    """

    project = ParentalKey(HeritageProjectPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(_("alternative text"), max_length=255)
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        pass
