"""Jubilees: an organisation's anniversary celebrations, their index and the events they link.

A jubilee belongs to an organisation and may link events, so this app depends
on ``organisations`` and ``events``; neither imports it (an organisation page
finds its jubilees through the reverse relation ``jubilee_pages``). The
anniversary arithmetic is in :mod:`.rules`, the visitors' list of coming
anniversaries in :mod:`.anniversaries` and the editors' planning panel in
:mod:`.wagtail_hooks`.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from core.cache import query_key
from core.models import IMAGE_PREFETCH, BasePage, ContentPageQuerySet
from core.registry import ContentTypeEntry, FieldKind, ImportField
from localisation.api_fields import RelatedPageField
from localisation.relations import localize_pages
from organisations.models import OrganisationPage


class JubileeQuerySet(ContentPageQuerySet):
    def upcoming(self):
        return self.visible().filter(date__gte=timezone.localdate()).order_by("date")

    def past(self):
        return self.visible().filter(date__lt=timezone.localdate()).order_by("-date")


class JubileeIndexPage(RoutablePageMixin, BasePage):
    """The list of jubilees, coming first (the soonest ones) then past, a page at a time;
    ``anniversaries/``: the round anniversaries coming, whether or not a jubilee page is written."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["jubilees.JubileePage"]
    max_count_per_parent = 1

    PER_PAGE = 12
    UPCOMING_SHOWN = 24

    class Meta:
        verbose_name = _("jubilee index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        jubilees = (
            JubileePage.objects.child_of(self)
            .visible()
            .select_related("image", "locale")
            .prefetch_related(*IMAGE_PREFETCH)
        )
        # The soonest ones: the list stays as long as a page however many are announced years ahead.
        # Read when the template renders the lists: not while their kept fragment holds (fragment_tags).
        context["upcoming_jubilees"] = SimpleLazyObject(lambda: list(jubilees.upcoming()[: self.UPCOMING_SHOWN]))
        context["past_jubilees"] = SimpleLazyObject(
            lambda: Paginator(jubilees.past(), self.PER_PAGE).get_page(request.GET.get("page"))
        )
        context["listing_key"] = query_key(request, {"page"})
        return context

    @path("anniversaries/", name="anniversaries")
    def anniversaries(self, request):
        from .anniversaries import PUBLIC_MONTHS, coming_anniversaries

        return self.render(
            request,
            template="jubilees/jubilee_anniversaries.html",
            context_overrides={
                "anniversaries": coming_anniversaries(self.locale, self.get_site(), timezone.localdate()),
                "months": PUBLIC_MONTHS,
            },
        )


class JubileePage(BasePage):
    """An organisation's anniversary celebration.

    The anniversary number is derived from the organisation's founding year and
    the celebration date, so that an editor cannot publish a "60th" jubilee of an
    organisation founded 70 years earlier.
    """

    organisation = models.ForeignKey(
        OrganisationPage,
        verbose_name=_("organisation"),
        null=True,
        on_delete=models.PROTECT,
        related_name="jubilee_pages",
    )
    date = models.DateField(_("celebration date"))
    anniversary = models.PositiveSmallIntegerField(
        _("anniversary"), null=True, blank=True, help_text=_("Left empty, it is derived from the founding year.")
    )

    content_panels = BasePage.content_panels[:1] + [
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldRowPanel([FieldPanel("date"), FieldPanel("anniversary")])],
            heading=_("Jubilee"),
        ),
        InlinePanel("jubilee_events", label=_("Linked events")),
        *BasePage.content_panels[1:],
    ]
    search_fields = BasePage.search_fields + [
        index.FilterField("date"),
        index.FilterField("anniversary"),
        index.FilterField("organisation"),
    ]

    api_fields = [
        APIField("organisation", serializer=RelatedPageField("organisation")),
        APIField("date"),
        APIField("anniversary"),
        APIField("summary"),
    ]

    parent_page_types = ["jubilees.JubileeIndexPage"]
    subpage_types = []

    registry_entry = ContentTypeEntry(
        name="jubilee",
        section_title=gettext_noop("Jubilees"),
        import_fields=(
            ImportField("organisation", FieldKind.REFERENCE, required=True, target="organisation"),
            ImportField("date", FieldKind.DATE, required=True),
            ImportField("anniversary", FieldKind.POSITIVE_INT),
        ),
    )

    objects = PageManager.from_queryset(JubileeQuerySet)()

    class Meta:
        verbose_name = _("jubilee")

    def derived_anniversary(self):
        if self.organisation_id and self.date:
            return self.organisation.anniversary_in(self.date.year)
        return None

    def clean(self):
        super().clean()
        if not self.organisation_id:
            raise ValidationError({"organisation": _("Choose the organisation whose jubilee this is.")})
        derived = self.derived_anniversary()
        if derived is None:
            if self.organisation.founded_year and self.date and self.date.year <= self.organisation.founded_year:
                raise ValidationError({"date": _("A jubilee is celebrated after the organisation was founded.")})
            if not self.anniversary:
                raise ValidationError(
                    {"anniversary": _("The organisation has no founding year: give the anniversary number.")}
                )
        elif self.anniversary and self.anniversary != derived:
            raise ValidationError(
                {
                    "anniversary": _(
                        "%(org)s was founded in %(founded)s: the anniversary celebrated in %(year)s is"
                        " %(derived)s years, not %(given)s."
                    )
                    % {
                        "org": self.organisation.title,
                        "founded": self.organisation.founded_year,
                        "year": self.date.year,
                        "derived": derived,
                        "given": self.anniversary,
                    }
                }
            )
        else:
            self.anniversary = derived

    @cached_property
    def linked_events(self):
        return localize_pages(
            [link.event for link in self.jubilee_events.select_related("event")], self.locale, site=self.get_site()
        )

    @cached_property
    def localized_organisation(self):
        links = localize_pages([self.organisation], self.locale, site=self.get_site()) if self.organisation_id else []
        return links[0] if links else None

    @property
    def is_upcoming(self):
        return self.date >= datetime.date.today()


class JubileeEvent(Orderable):
    jubilee = ParentalKey(JubileePage, on_delete=models.CASCADE, related_name="jubilee_events")
    event = models.ForeignKey("events.EventPage", verbose_name=_("event"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("event")]
