"""Admin dashboard: the "Upcoming jubilees" panel and its "plan" button."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, When
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.coreutils import find_available_slug

from .jubilees import coming_round_anniversaries, jubilee_title, suggested_celebration_date
from .models import JubileeIndexPage, JubileePage, OrganisationPage


def upcoming_jubilees(today):
    """One row per organisation and coming round anniversary, earliest first.

    An organisation exists in several languages; it is listed once, in its
    source language. A jubilee page already made for that anniversary (draft
    or live, any language) is given so that the editor opens it instead.
    """
    organisations = {}
    for organisation in (
        OrganisationPage.objects.filter(founded_year__isnull=False)
        .select_related("locale")
        .order_by(Case(When(locale__language_code=settings.LANGUAGE_CODE, then=0), default=1), "pk")
    ):
        organisations.setdefault(organisation.translation_key, organisation)
    planned = {
        (key, years): page_id
        for key, years, page_id in JubileePage.objects.filter(
            organisation__translation_key__in=organisations
        ).values_list("organisation__translation_key", "anniversary", "id")
    }
    rows = []
    for key, organisation in organisations.items():
        for anniversary in coming_round_anniversaries(organisation.founded_year, organisation.founded_date, today):
            rows.append(
                {
                    "organisation": organisation,
                    "anniversary": anniversary,
                    "jubilee_id": planned.get((key, anniversary.years)),
                }
            )
    rows.sort(
        key=lambda row: (
            row["anniversary"].date or datetime.date(row["anniversary"].year, 12, 31),
            row["organisation"].title,
        )
    )
    return rows


class UpcomingJubileesPanel(Component):
    name = "upcoming_jubilees"
    template_name = "organisations/admin/upcoming_jubilees_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["rows"] = upcoming_jubilees(timezone.localdate())
        context["csrf_token"] = parent_context.get("csrf_token")
        context["request"] = parent_context.get("request")
        return context


@hooks.register("construct_homepage_panels")
def add_upcoming_jubilees_panel(request, panels):
    panels.append(UpcomingJubileesPanel())


@require_POST
def plan_jubilee(request, organisation_id, years):
    """Create a draft jubilee page for a coming anniversary and open it in the editor."""
    organisation = get_object_or_404(OrganisationPage, pk=organisation_id)
    today = timezone.localdate()
    anniversary = next(
        (
            coming
            for coming in coming_round_anniversaries(organisation.founded_year, organisation.founded_date, today)
            if coming.years == years
        ),
        None,
    )
    if anniversary is None:
        messages.error(
            request,
            _("%(organisation)s has no round anniversary of %(years)s years coming.")
            % {"organisation": organisation.title, "years": years},
        )
        return redirect("wagtailadmin_home")
    index = (
        JubileeIndexPage.objects.filter(locale_id=organisation.locale_id).first() or JubileeIndexPage.objects.first()
    )
    if index is None:
        messages.error(request, _("Create a jubilee index page first: jubilee pages are placed under it."))
        return redirect("wagtailadmin_home")
    if not index.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    title = jubilee_title(organisation.title, years)
    jubilee = JubileePage(
        title=title,
        slug=find_available_slug(index, slugify(title) or "jubilee"),
        organisation=organisation,
        date=suggested_celebration_date(anniversary, today),
        anniversary=years,
        live=False,
        owner=request.user,
    )
    index.add_child(instance=jubilee)
    jubilee.save_revision(user=request.user, log_action=True)
    messages.success(request, _("Draft jubilee page created: check the date and write the programme."))
    return redirect(reverse("wagtailadmin_pages:edit", args=[jubilee.pk]))


@hooks.register("register_admin_urls")
def register_jubilee_urls():
    return [
        path("jubilees/plan/<int:organisation_id>/<int:years>/", plan_jubilee, name="organisations_plan_jubilee"),
    ]
