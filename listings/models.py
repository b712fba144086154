"""Collections: saved queries an editor builds, after Plone's collections.

A collection page stores criteria, not pages: what it lists is computed at
each visit, so a "next 30 days" collection is always current. It lists only
live public pages of its own language tree (so never another site's pages).
"""

import datetime

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import models
from django.db.models import DateTimeField, Q
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from core.models import BasePage
from core.registry import content_types
from core.visibility import visible_pages
from events.occurrences import shown_start_expression


def listable_content_types():
    """The page types a collection can gather: the content of the network, the registry's types."""
    by_model = ContentType.objects.get_for_models(*content_types().models(), for_concrete_models=False)
    return ContentType.objects.filter(pk__in=[content_type.pk for content_type in by_model.values()])


class CollectionPageForm(WagtailAdminPageForm):
    """The editor's form of a collection: the content types it offers are the registry's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page_types"].queryset = listable_content_types()


class DateWindow(models.TextChoices):
    ALL = "all", _("Any date")
    UPCOMING = "upcoming", _("From today on")
    NEXT_30_DAYS = "next_30_days", _("Next 30 days")
    THIS_YEAR = "this_year", _("This year")
    PAST = "past", _("Before today")


class SortOrder(models.TextChoices):
    DATE = "date", _("By date (events and jubilees), soonest first")
    RECENT = "recent", _("Most recently published first")
    TITLE = "title", _("Alphabetically")


def window_bounds(window, now):
    """(start, end) of a date window; None for an open side."""
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    if window == DateWindow.UPCOMING:
        return now, None
    if window == DateWindow.NEXT_30_DAYS:
        return now, today + datetime.timedelta(days=31)
    if window == DateWindow.THIS_YEAR:
        return today.replace(month=1, day=1), today.replace(year=today.year + 1, month=1, day=1)
    if window == DateWindow.PAST:
        return None, now
    return None, None


class CollectionPage(RoutablePageMixin, BasePage):
    """A saved query: content types, tags, organisations, country, a date window, an order."""

    page_types = ParentalManyToManyField(
        ContentType,
        verbose_name=_("content types"),
        blank=True,
        related_name="+",
        help_text=_("None ticked: every type."),
    )
    # ``tags`` (from BasePage) describe the collection itself; these select what it lists.
    filter_tags = ParentalManyToManyField(
        "taggit.Tag", verbose_name=_("tags"), blank=True, related_name="+", help_text=_("Pages with any of these tags.")
    )
    organisations = ParentalManyToManyField(
        "organisations.OrganisationPage",
        verbose_name=_("organisations"),
        blank=True,
        related_name="+",
        help_text=_("The organisations themselves and what they organise, run or celebrate."),
    )
    country = CountryField(_("country"), blank=True)
    date_window = models.CharField(
        _("date window"),
        max_length=20,
        choices=DateWindow.choices,
        default=DateWindow.ALL,
        help_text=_("Any window other than 'Any date' keeps only events and jubilees."),
    )
    sort_order = models.CharField(_("sort order"), max_length=20, choices=SortOrder.choices, default=SortOrder.DATE)
    per_page = models.PositiveSmallIntegerField(_("items per page"), default=12)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("page_types", widget=forms.CheckboxSelectMultiple),
                FieldPanel("filter_tags"),
                FieldPanel("organisations"),
                FieldPanel("country"),
                FieldRowPanel([FieldPanel("date_window"), FieldPanel("sort_order"), FieldPanel("per_page")]),
            ],
            heading=_("What this collection lists"),
        ),
    ]

    parent_page_types = ["home.HomePage"]
    # Not a content type: it lists them.
    registry_entry = None
    base_form_class = CollectionPageForm
    subpage_types = []

    class Meta:
        verbose_name = _("collection")

    def get_matching_pages(self, now=None):
        """Live public pages of this collection's language tree matching the criteria."""
        now = now or timezone.now()
        home = self.get_ancestors().filter(depth=2).first() or self
        pages = visible_pages(Page.objects.descendant_of(home)).filter(locale_id=self.locale_id).exclude(pk=self.pk)
        page_types = list(self.page_types.all())
        if page_types:
            pages = pages.filter(content_type__in=page_types)
        else:
            pages = pages.filter(content_type__in=listable_content_types())
        tags = list(self.filter_tags.all())
        if tags:
            pages = pages.filter(pk__in=Page.objects.filter(tagged_items__tag__in=tags).values("pk"))
        keys = [organisation.translation_key for organisation in self.organisations.all()]
        if keys:
            # Linked in whichever language the editor chose: match by translation key.
            pages = pages.filter(
                Q(organisationpage__translation_key__in=keys)
                | Q(
                    pk__in=Page.objects.filter(eventpage__organisers__organisation__translation_key__in=keys).values(
                        "pk"
                    )
                )
                | Q(
                    pk__in=Page.objects.filter(
                        heritageprojectpage__project_organisations__organisation__translation_key__in=keys
                    ).values("pk")
                )
                | Q(jubileepage__organisation__translation_key__in=keys)
            )
        if self.country:
            pages = pages.filter(
                Q(eventpage__country=self.country)
                | Q(organisationpage__country=self.country)
                | Q(heritageprojectpage__country=self.country)
                | Q(jubileepage__organisation__country=self.country)
            )
        start, end = window_bounds(self.date_window, now)
        if start or end:
            pages = pages.filter(self._dated_between(start, end))
        # Events are dated by the occurrence in the window (the next one of a recurring event).
        first_dates = Coalesce("eventpage__start", Cast("jubileepage__date", DateTimeField()))
        return pages.annotate(
            sort_date=shown_start_expression(pages, first_dates, now, period_start=start, period_end=end)
        ).order_by(*self._ordering())

    @staticmethod
    def _dated_between(start, end):
        """Events with an occurrence span and jubilees with a date inside the window."""
        events, jubilees = Q(eventpage__isnull=False), Q(jubileepage__isnull=False)
        if start:
            still_running = Q(eventpage__last_occurrence_end__isnull=True) | Q(
                eventpage__last_occurrence_end__gte=start
            )
            events &= still_running
            jubilees &= Q(jubileepage__date__gte=timezone.localdate(start))
        if end:
            events &= Q(eventpage__start__lt=end)
            jubilees &= Q(jubileepage__date__lt=timezone.localdate(end))
        return events | jubilees

    def _ordering(self):
        if self.sort_order == SortOrder.TITLE:
            return ["title", "pk"]
        if self.sort_order == SortOrder.RECENT:
            return ["-first_published_at", "pk"]
        if self.date_window == DateWindow.PAST:
            return [models.F("sort_date").desc(nulls_last=True), "title"]
        return [models.F("sort_date").asc(nulls_last=True), "title"]

    @path("")
    def listing(self, request):
        paginator = Paginator(self.get_matching_pages().specific(), self.per_page or 12)
        page_obj = paginator.get_page(request.GET.get("page"))
        return self.render(request, context_overrides={"page_obj": page_obj, "items": page_obj.object_list})

    @path("feed/rss/", name="rss")
    def rss_feed(self, request):
        from .feeds import CollectionRssFeed

        return CollectionRssFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        from .feeds import CollectionAtomFeed

        return CollectionAtomFeed(self)(request)
