"""Yearly cooperation protocols between organisations and their joint activities.

A network signs a protocol each year listing planned joint activities; the
page records which were carried out ("112 of 130"), and the index compares
the years.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from core.models import BasePage
from core.visibility import visible_pages
from localisation.api_fields import ChildRowsField, RelatedPagesField
from localisation.relations import localize_pages


class CooperationIndexPage(BasePage):
    """The protocols of all years, compared side by side."""

    parent_page_types = ["home.HomePage"]
    # Not a content type: in search, one of the other pages; not in the interchange format.
    registry_entry = None
    subpage_types = ["cooperation.CooperationProtocolPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("cooperation index page")

    def protocols(self):
        """Visible protocols, newest year first, with their activity counts (one query).

        Parties are counted once per organisation, whichever translation the
        protocol links, and only organisations with a page a visitor may see.
        """
        shown_parties = Q(
            parties__organisation__translation_key__in=visible_pages(site=self.get_site()).values("translation_key")
        )
        return (
            CooperationProtocolPage.objects.visible()
            .child_of(self)
            .annotate(
                planned=Count("activities", distinct=True),
                carried_out=Count("activities", filter=Q(activities__carried_out=True), distinct=True),
                party_count=Count("parties__organisation__translation_key", filter=shown_parties, distinct=True),
            )
            .order_by("-year")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        protocols = list(self.protocols())
        context["protocols"] = protocols
        context["most_carried_out"] = max((p.carried_out for p in protocols), default=0)
        return context


class CooperationProtocolPage(BasePage):
    """One year's protocol: who signed it and what they planned to do together."""

    year = models.PositiveSmallIntegerField(_("year"))
    signed_on = models.DateField(_("signed on"), null=True, blank=True)

    content_panels = BasePage.content_panels[:1] + [
        FieldPanel("year"),
        FieldPanel("signed_on"),
        InlinePanel("parties", label=_("Signing parties")),
        InlinePanel("activities", label=_("Planned joint activities")),
        *BasePage.content_panels[1:],
    ]
    search_fields = BasePage.search_fields + [index.FilterField("year")]

    api_fields = [
        APIField("year"),
        APIField("signed_on"),
        APIField("summary"),
        APIField("parties", serializer=RelatedPagesField("parties", "organisation")),
        APIField("activities", serializer=ChildRowsField("activities", "linked_page", fields=["title", "carried_out"])),
    ]

    parent_page_types = ["cooperation.CooperationIndexPage"]
    # Not a content type (yet): in search, one of the other pages; not in the interchange format.
    registry_entry = None
    subpage_types = []

    class Meta:
        verbose_name = _("cooperation protocol")

    def clean(self):
        super().clean()
        this_year = timezone.localdate().year
        if self.year and not 1950 <= self.year <= this_year + 1:
            raise ValidationError({"year": _("Enter a year between 1950 and %(year)s.") % {"year": this_year + 1}})
        if self.signed_on and self.year and self.signed_on.year not in (self.year - 1, self.year):
            raise ValidationError({"signed_on": _("A protocol is signed in its year or the year before.")})

    @cached_property
    def localized_parties(self):
        return localize_pages(
            [party.organisation for party in self.parties.select_related("organisation")],
            self.locale,
            site=self.get_site(),
        )

    @cached_property
    def activity_rows(self):
        """Activities with their linked page in this protocol's language (one query for all links)."""
        activities = list(self.activities.select_related("linked_page"))
        links = {
            link.page.translation_key: link
            for link in localize_pages(
                [a.linked_page for a in activities if a.linked_page], self.locale, site=self.get_site()
            )
        }
        return [
            (activity, links.get(activity.linked_page.translation_key) if activity.linked_page else None)
            for activity in activities
        ]

    @property
    def planned_count(self):
        return len(self.activity_rows)

    @property
    def carried_out_count(self):
        return sum(1 for activity, _link in self.activity_rows if activity.carried_out)


class CooperationParty(Orderable):
    protocol = ParentalKey(CooperationProtocolPage, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        "organisations.OrganisationPage", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("signing party")


class JointActivity(TranslatableMixin, Orderable):
    """A planned activity; optionally the event or heritage project that carried it out.

    Translatable, so that wagtail-localize offers its title to translators (the
    linked page and whether it was carried out follow the source): each
    translation of the protocol has its own copy under the source activity's
    translation key.
    """

    protocol = ParentalKey(CooperationProtocolPage, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(_("title"), max_length=255)
    linked_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("event or heritage project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    carried_out = models.BooleanField(_("carried out"), default=False)

    panels = [
        FieldPanel("title"),
        PageChooserPanel("linked_page", page_type=["events.EventPage", "heritage.HeritageProjectPage"]),
        FieldPanel("carried_out"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("joint activity")
