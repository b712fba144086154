"""Organisations of the compatriot network and their memberships.

The pages that link to an organisation (its events, heritage projects and
jubilees) belong to apps that depend on this one: an organisation page finds
them through the reverse relations of their links
(:meth:`OrganisationPage.pages_linking_here`).
"""

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django_countries.fields import Country
from modelcluster.fields import ParentalKey
from treebeard.exceptions import PathOverflow
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.cache import CONTENT_CACHE_SECONDS, content_cache, content_cache_key, kept_seconds, query_key
from core.models import IMAGE_PREFETCH, BasePage, LocationMixin
from core.plain_text import is_storable
from core.registry import ContentTypeEntry, FieldKind, ImportField
from core.web_addresses import validate_web_address
from localisation.api_fields import RelatedPagesField
from localisation.collation import by_title, sort_key
from localisation.relations import localize_pages


class OrganisationKind(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    FEDERATION = "federation", _("Federation")
    COUNCIL = "council", _("Council")
    FOUNDATION = "foundation", _("Foundation")
    CULTURAL_CENTRE = "cultural_centre", _("Cultural centre")
    SCHOOL = "school", _("School")
    RELIGIOUS = "religious", _("Religious community")
    MEDIA = "media", _("Media")
    OTHER = "other", _("Other")


def same_content(pages_field, page):
    """Filter kwargs matching ``page`` in any of its translations."""
    return {f"{pages_field}__translation_key": page.translation_key}


class OrganisationIndexPage(BasePage):
    """The directory of organisations, filterable by kind, city and country."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["organisations.OrganisationPage"]
    max_count_per_parent = 1

    PER_PAGE = 12
    #: Cities and countries offered in the filters, at most (the most used).
    MAX_FILTER_CHOICES = 40
    #: Federations and councils shown with their member counts, at most (the largest).
    MAX_MEMBERSHIP_FIGURES = 6

    class Meta:
        verbose_name = _("organisation index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        organisations = self.directory_pages().visible()
        # Values a visitor may have mistyped or that no longer exist are ignored, not refused.
        asked = {name: request.GET.get(name, "") for name in ("kind", "city", "country")}
        summary = self.directory_summary(organisations)
        cities = self.offered_values(organisations, "city", asked["city"], summary["city"])
        countries = sorted(
            (
                Country(code)
                for code in self.offered_values(organisations, "country", asked["country"], summary["country"])
            ),
            key=lambda country: sort_key(country.name),
        )
        filters = {
            "kind": asked["kind"] if asked["kind"] in OrganisationKind.values else "",
            "city": asked["city"] if asked["city"] in cities else "",
            "country": asked["country"] if asked["country"] in {country.code for country in countries} else "",
        }
        filtered = organisations.filter(**{field: value for field, value in filters.items() if value})
        # Read when the template renders the list: not while its kept fragment holds (fragment_tags).
        listing = SimpleLazyObject(lambda: self.alphabetical_page(filtered, request.GET.get("page"), filters))
        context.update(
            organisations=listing,
            listing_key=self.listing_key(request, filters),
            filters=filters,
            is_filtered=any(filters.values()),
            kind_choices=OrganisationKind.choices,
            cities=cities,
            countries=countries,
            organisation_count=summary["count"],
            membership_figures=summary["membership_figures"],
        )
        return context

    def directory_pages(self):
        """The index's organisations: ``child_of``, with the same bounds on ``path`` as a range.

        ``child_of`` asks ``path LIKE 'prefix%'``, which SQLite's index on ``path``
        cannot serve (its LIKE ignores case): its planner then read every page of
        the site through the index on ``expire_at``. Between the index page's path
        and its next sibling's, it reads this index's children only.
        """
        children = OrganisationPage.objects.child_of(self)
        try:
            return children.filter(path__gt=self.path, path__lt=self._inc_path())
        except PathOverflow:  # the last sibling a path can hold: no next sibling to bound by
            return children

    @staticmethod
    def listing_key(request, filters):
        """The query string as the kept list's key when every filter in it applies, else None (rendered afresh)."""
        if any(request.GET.get(name, "") != value for name, value in filters.items()):
            return None
        return query_key(request, {*filters, "page"})

    def directory_summary(self, organisations):
        """The directory's total, most used cities and countries and its federations' member counts.

        Each is an aggregate over every organisation of the directory: read
        once per content version (core.cache) instead of on every visit.
        """
        key = content_cache_key("organisation-directory-summary", self.pk)
        summary = content_cache().get(key)
        if summary is None:
            summary = {
                "city": self.most_used_values(organisations, "city"),
                "country": self.most_used_values(organisations, "country"),
                "count": organisations.count(),
                "membership_figures": self.membership_figures(organisations),
            }
            # Not past the next expiry: the figures name federations, the filters cities, of pages that may expire.
            content_cache().set(key, summary, kept_seconds())
        return summary

    @staticmethod
    def most_used_values(organisations, field):
        """The ``field`` values most used by ``organisations``, at most ``MAX_FILTER_CHOICES``."""
        return list(
            organisations.exclude(**{field: ""})
            .order_by()
            .values(field)
            .annotate(uses=Count("pk"))
            .order_by("-uses", field)
            .values_list(field, flat=True)[: OrganisationIndexPage.MAX_FILTER_CHOICES]
        )

    @staticmethod
    def offered_values(organisations, field, asked, most_used):
        """The ``field`` values the filter offers: the ``most_used``, alphabetically, and ``asked`` when some
        organisation has it."""
        values = list(most_used)
        if asked and asked not in values and is_storable(asked) and organisations.filter(**{field: asked}).exists():
            values.append(asked)
        return sorted(values, key=sort_key)

    def alphabetical_page(self, organisations, number, filters=None):
        """One page of ``organisations`` in the alphabetical order of the page's language.

        The database's order is by code point ("Été" after "Zuid"): titles are
        sorted here (one light query), then only the page's organisations
        loaded. The sorted ids are kept per content version (core.cache), so
        the sort is paid once per change, not per visit.
        """
        key = content_cache_key("organisation-directory", self.pk, sorted((filters or {}).items()))
        ordered = content_cache().get(key)
        if ordered is None:
            titles = sorted(organisations.order_by().values_list("pk", "title"), key=lambda row: sort_key(row[1]))
            ordered = [pk for pk, _title in titles]
            content_cache().set(key, ordered, CONTENT_CACHE_SECONDS)
        page = Paginator(ordered, self.PER_PAGE).get_page(number)
        loaded = organisations.filter(pk__in=page.object_list).select_related("image", "locale")
        by_pk = {organisation.pk: organisation for organisation in loaded.prefetch_related(*IMAGE_PREFETCH)}
        page.object_list = [by_pk[pk] for pk in page.object_list if pk in by_pk]
        return page

    @staticmethod
    def membership_figures(organisations):
        """The federations and councils among ``organisations``, each with its number of members there.

        One query: members are counted by a subquery per federation, whichever
        translation of the federation a member's membership points at.
        """
        member_counts = (
            OrganisationMembership.objects.filter(
                member__in=organisations, organisation__translation_key=OuterRef("translation_key")
            )
            .order_by()
            .values("organisation__translation_key")
            .annotate(count=Count("member", distinct=True))
            .values("count")
        )
        figures = (
            organisations.filter(kind__in=[OrganisationKind.FEDERATION, OrganisationKind.COUNCIL])
            .annotate(member_count=Coalesce(Subquery(member_counts), 0))
            .select_related("locale")
            .order_by("-member_count", "title")[: OrganisationIndexPage.MAX_MEMBERSHIP_FIGURES]
        )
        return sorted(figures, key=lambda federation: (-federation.member_count, sort_key(federation.title)))


class OrganisationPage(LocationMixin, BasePage):
    """One organisation: association, federation, council, school, parish...

    Membership is stored on the member (``memberships``), as a member's own page
    is where an editor records what it belongs to; the federation's page lists
    its members by following the relation backwards.
    """

    kind = models.CharField(
        _("kind"), max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.ASSOCIATION
    )
    founded_year = models.PositiveSmallIntegerField(_("founding year"), null=True, blank=True)
    founded_date = models.DateField(
        _("founding date"), null=True, blank=True, help_text=_("Optional: the full date, when it is known.")
    )
    website = models.URLField(_("website"), blank=True, validators=[validate_web_address])
    email = models.EmailField(_("email"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    term_years = models.PositiveSmallIntegerField(
        _("term in years"), null=True, blank=True, help_text=_("Councils: members are elected every N years.")
    )
    term_start = models.DateField(_("current term started"), null=True, blank=True)

    content_panels = BasePage.content_panels[:1] + [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("founded_year"), FieldPanel("founded_date")]),
                *LocationMixin.location_panels,
                FieldRowPanel([FieldPanel("website"), FieldPanel("email")]),
                FieldPanel("logo"),
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("term_years"), FieldPanel("term_start")])], heading=_("Council term")
        ),
        InlinePanel("memberships", label=_("Member of"), heading=_("Membership")),
        *BasePage.content_panels[1:],
    ]
    search_fields = (
        BasePage.search_fields
        + LocationMixin.search_fields
        + [
            index.FilterField("kind"),
            index.FilterField("founded_year"),
        ]
    )

    api_fields = [
        APIField(name)
        for name in (
            "kind",
            "founded_year",
            "founded_date",
            "city",
            "country",
            "website",
            "email",
            "logo",
            "term_years",
            "term_start",
            "summary",
        )
    ] + [APIField("memberships", serializer=RelatedPagesField("memberships", "organisation"))]

    parent_page_types = ["organisations.OrganisationIndexPage"]
    subpage_types = []

    registry_entry = ContentTypeEntry(
        name="organisation",
        section_title=gettext_noop("Organisations"),
        import_fields=(
            ImportField("city", FieldKind.TEXT, translatable=True),
            ImportField("kind", FieldKind.CHOICE),
            ImportField("founded", FieldKind.YEAR_OR_DATE, model_field="founded_year", date_field="founded_date"),
            ImportField("country", FieldKind.COUNTRY),
            ImportField("website", FieldKind.URL),
            ImportField("email", FieldKind.EMAIL),
            ImportField("member_of", FieldKind.REFERENCES, target="organisation", relation="memberships"),
        ),
    )

    class Meta:
        verbose_name = _("organisation")

    def clean(self):
        super().clean()
        errors = {}
        this_year = timezone.localdate().year
        if self.founded_year and not 800 <= self.founded_year <= this_year:
            errors["founded_year"] = _("Enter a year between 800 and %(year)s.") % {"year": this_year}
        if self.founded_date:
            if self.founded_year and self.founded_year != self.founded_date.year:
                errors["founded_date"] = _("The founding date must fall in the founding year.")
            self.founded_year = self.founded_date.year
        if self.term_start and not self.term_years:
            errors["term_years"] = _("Give the length of a term as well as the start of the current one.")
        if self.term_years and self.kind != OrganisationKind.COUNCIL:
            errors["term_years"] = _("Only councils have elected terms.")
        if errors:
            raise ValidationError(errors)

    @property
    def founded_display(self):
        return self.founded_date or self.founded_year

    @property
    def current_term_end(self):
        """The current term's start plus its length (from 29 February: the 28th in other years)."""
        if self.term_start and self.term_years:
            return self.term_start + relativedelta(years=self.term_years)
        return None

    def anniversary_in(self, year):
        """The anniversary celebrated in ``year`` (the 70th in 2016 for 1946)."""
        if not self.founded_year or year <= self.founded_year:
            return None
        return year - self.founded_year

    def related_pages(self, model, field):
        """Visible pages of ``model`` whose ``field`` points at this organisation in any language."""
        return localize_pages(
            model.objects.filter(**same_content(field, self)).visible(self.get_site()).order_by("title"),
            self.locale,
            site=self.get_site(),
        )

    def pages_linking_here(self, relation):
        """Visible pages that point at this organisation (in any language) through ``relation``, by title.

        ``relation`` names a reverse relation to this model: a page's own
        foreign key (a jubilee's ``organisation``) or a child row's (an event's
        organisers). The apps whose pages link to organisations depend on this
        one, not the reverse, so the pages' model is read from the relation.
        """
        linking_field = self._meta.get_field(relation).remote_field
        model, path = linking_field.model, linking_field.name
        if not issubclass(model, Page):  # a child row: its parental key leads to the page
            parental_key = next(field for field in model._meta.get_fields() if isinstance(field, ParentalKey))
            model = parental_key.related_model
            path = f"{parental_key.related_query_name()}__{path}"
        return by_title(self.related_pages(model, path))

    @cached_property
    def members(self):
        return by_title(self.related_pages(OrganisationPage, "memberships__organisation"))

    @cached_property
    def member_of(self):
        return localize_pages(
            [m.organisation for m in self.memberships.select_related("organisation", "organisation__locale")],
            self.locale,
            site=self.get_site(),
        )

    @cached_property
    def organised_events(self):
        return self.pages_linking_here("event_links")

    @cached_property
    def heritage_projects(self):
        return self.pages_linking_here("heritage_links")

    @cached_property
    def jubilees(self):
        return self.pages_linking_here("jubilee_pages")


class OrganisationMembership(Orderable):
    """An organisation's membership of another (a federation, a council)."""

    member = ParentalKey(OrganisationPage, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        OrganisationPage, verbose_name=_("member of"), on_delete=models.CASCADE, related_name="member_links"
    )

    panels = [FieldPanel("organisation")]
    api_fields = [APIField("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("membership")

    def clean(self):
        if self.member_id and self.organisation.translation_key == self.member.translation_key:
            raise ValidationError({"organisation": _("An organisation cannot be a member of itself.")})
