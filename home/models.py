"""The root page of each language's tree and the plain pages under it.

The base they share with every content page lives in :mod:`core.models`.
"""

from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.models import IMAGE_PREFETCH, BasePage
from core.registry import ContentTypeEntry
from core.routing import kept_route
from core.visibility import visible_pages


class HomePage(BasePage):
    """The root of one language's site: introduction and what is coming up."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels[:1] + [FieldPanel("introduction")] + BasePage.content_panels[1:]
    search_fields = BasePage.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "organisations.OrganisationIndexPage",
        "jubilees.JubileeIndexPage",
        "heritage.HeritageIndexPage",
        "events.EventIndexPage",
        "listings.CollectionPage",
        "cooperation.CooperationIndexPage",
        "forms.FormPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Wagtail's routing, through the addresses kept per content version (core/routing.py)."""
        if not path_components:
            return super().route(request, path_components)
        return kept_route(self, request, path_components, super().route)

    def get_context(self, request, *args, **kwargs):
        from events.models import EventIndexPage, EventPage
        from heritage.models import HeritageIndexPage, HeritageProjectPage
        from jubilees.models import JubileeIndexPage, JubileePage
        from organisations.models import OrganisationIndexPage

        context = super().get_context(request, *args, **kwargs)
        # By their next occurrence: a weekly course that began years ago is shown at its next date.
        # Read when the template asks (the queryset reads the recurring events at once): not while kept.
        context["upcoming_events"] = SimpleLazyObject(
            lambda: list(
                EventPage.objects.in_locale_of(self)
                .upcoming()
                .select_related("image")
                .prefetch_related(*IMAGE_PREFETCH)[:3]
            )
        )
        context["upcoming_jubilees"] = JubileePage.objects.upcoming().in_locale_of(self)[:3]
        context["heritage_highlights"] = (
            HeritageProjectPage.objects.visible()
            .in_locale_of(self)
            .select_related("image")
            .prefetch_related(*IMAGE_PREFETCH)
            .order_by("-start_year")[:3]
        )
        # The section index pages, for the "see all" links.
        section_names = {
            EventIndexPage: "events",
            JubileeIndexPage: "jubilees",
            HeritageIndexPage: "heritage",
            OrganisationIndexPage: "organisations",
        }
        # Only the section pages are read: plain pages under the home page may be many. Read when the
        # template asks, like the lists above: not at all while its kept fragment holds (fragment_tags).
        context["sections"] = SimpleLazyObject(
            lambda: {
                section_names[type(child)]: child
                for child in visible_pages(self.get_children().type(*section_names)).specific()
                if type(child) in section_names
            }
        )
        return context


class StandardPage(BasePage):
    """A plain page: about, contacts, background articles."""

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage", "forms.FormPage"]

    # In search, "page" also names every page model without an entry of its own.
    registry_entry = ContentTypeEntry(name="page", covers_other_pages=True, label=_("page"), label_plural=_("pages"))

    class Meta:
        verbose_name = _("standard page")
