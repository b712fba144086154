"""The site's shared page foundation: the base page, its mixins, queries and tags.

Every content page of Compatriots derives from :class:`BasePage`, so that
listings, search results, feeds and meta tags can rely on one set of fields
(summary, main image, tags, body, external id) whatever the page type.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager, PageViewRestriction, Site
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import BaseTranslatableField, SynchronizedField, TranslatableField

from core.cache import CONTENT_CACHE_SECONDS, content_cache, content_cache_key
from core.routing import active_locale_id, has_no_view_restriction, route_related
from core.visibility import visible_pages

from .blocks import BodyBlock
from .search_terms import page_term_analyser
from .tags import TranslatableTagManager
from .validators import validate_page_text

EXTERNAL_ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"

# What listings prefetch so that each card's image rendition costs no query.
IMAGE_PREFETCH = ("image__renditions",)


def sites_by_id():
    """Every ``Site`` by id, read once per content version (a change of a site moves it on)."""
    key = content_cache_key("sites-by-id")
    sites = content_cache().get(key)
    if sites is None:
        sites = Site.objects.in_bulk()
        content_cache().set(key, sites, CONTENT_CACHE_SECONDS)
    return sites


class ContentPageQuerySet(PageQuerySet):
    """Query helpers every listing, feed and API starts from."""

    def visible(self, site=None):
        """What an anonymous visitor may see (:mod:`core.visibility`), on ``site`` when given."""
        return visible_pages(self, site)

    def in_locale_of(self, page):
        return self.filter(locale_id=page.locale_id)


ContentPageManager = PageManager.from_queryset(ContentPageQuerySet)


class PageTag(TaggedItemBase):
    """Tags of any page: one table, so tag filters work across page types."""

    content_object = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        # One order wherever a page's tags are read: revisions store them so,
        # and Compare would otherwise show the same tags in another order as a change.
        ordering = ["tag__name"]


class LocationMixin(models.Model):
    """City and country of something that happens or sits somewhere."""

    city = models.CharField(_("city"), max_length=255, blank=True)
    country = CountryField(_("country"), blank=True)

    location_panels = [FieldRowPanel([FieldPanel("city"), FieldPanel("country")], heading=_("Location"))]

    search_fields = [
        index.SearchField("city"),
        index.FilterField("country"),
    ]

    class Meta:
        abstract = True


class BasePage(Page):
    """Abstract parent of every page type on the site.

    Carries what all content shares: a summary (listings, search results and the
    meta description), a main image whose alternative text is required and
    translated with the page, tags, a StreamField body and the stable external
    id of the content interchange format (``docs/content-format.md``).
    """

    summary = models.TextField(
        _("summary"),
        max_length=1000,
        blank=True,
        help_text=_("One or two sentences shown in listings, search results and to search engines."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("main image alternative text"),
        max_length=255,
        blank=True,
        help_text=_("Required with an image: what the image shows, for people who cannot see it."),
    )
    tags = TranslatableTagManager(through=PageTag, blank=True, verbose_name=_("tags"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    external_id = models.CharField(
        _("external id"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("Stable id used by content import and export; shared by all translations of a page."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Main image")),
        FieldPanel("body"),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("tags")]
    settings_panels = Page.settings_panels + [FieldPanel("external_id")]

    objects = ContentPageManager()

    # wagtail-localize: what translators translate and what syncs from the
    # source (docs/translation.md). Tags are translated one by one (see
    # core.tags); their through rows are written by the tags field,
    # never copied from the source. The external id is shared by translations.
    override_translatable_fields = [
        TranslatableField("tags"),
        BaseTranslatableField("tagged_items"),
        SynchronizedField("external_id", overridable=False),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("external_id"),
        # Pre-analysed in the page's own language (stems and transliteration
        # keys, by the analyser core.search_terms declares and the search app
        # registers); the title's terms are boosted.
        index.SearchField("search_title_terms", boost=3),
        index.SearchField("search_terms"),
    ]

    class Meta:
        abstract = True

    def get_site(self):
        """The page's site, from the sites kept for the content version.

        Relations, URLs and feeds ask a page for its site several times per
        request; Wagtail reads the ``Site`` row again each time.
        """
        url_parts = self.get_url_parts()
        if url_parts is None:
            return None  # not routable
        return sites_by_id().get(url_parts[0]) or super().get_site()

    @property
    def localized(self):
        """Wagtail's ``localized`` (the live translation in the active language, else the page itself).

        The active locale comes from the locales kept per content version
        (core/routing.py): Wagtail reads the ``Locale`` row on every call.
        """
        if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            return self
        locale_id = active_locale_id()
        if locale_id is None or locale_id == self.locale_id:
            return self
        # Read as a routed page is: the home page of another language is routed from here.
        model = type(self)
        translation = (
            model.objects.select_related(*route_related(model))
            .filter(translation_key=self.translation_key, locale_id=locale_id)
            .first()
        )
        return translation if translation is not None and translation.live else self

    def get_view_restrictions(self):
        """Wagtail's, with no query when no view restriction or alias can apply (core/routing.py)."""
        if has_no_view_restriction(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def clean(self):
        super().clean()
        # One rule for the editor and the content import (core/validators.py).
        validate_page_text(self)
        if self.image_id and not self.image_alt.strip():
            raise ValidationError({"image_alt": _("Describe the main image: alternative text is required.")})
        if self.external_id:
            from django.core.validators import RegexValidator

            try:
                RegexValidator(EXTERNAL_ID_PATTERN)(self.external_id)
            except ValidationError:
                raise ValidationError(
                    {"external_id": _("Use lower-case letters, digits and hyphens, starting with a letter or digit.")}
                ) from None

    def search_title_terms(self):
        return page_term_analyser().title_terms(self)

    def search_terms(self):
        return page_term_analyser().text_terms(self)

    @property
    def meta_description(self):
        return self.search_description or self.summary

    @cached_property
    def content_type_label(self):
        """Human label of the page's type, for listings and search results."""
        return self.specific_class._meta.verbose_name
