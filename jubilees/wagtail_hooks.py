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

from organisations.models import OrganisationPage

from .models import JubileeIndexPage, JubileePage
from .rules import coming_round_anniversaries, jubilee_title, suggested_celebration_date


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


def jubilee_index_for(organisation):
    """The jubilee index a new jubilee page of ``organisation`` goes under:
    the one in its language, else the first."""
    return JubileeIndexPage.objects.filter(locale_id=organisation.locale_id).first() or JubileeIndexPage.objects.first()


def with_permissions(rows, user):
    """Mark each row with what ``user`` may do: open the organisation and the
    jubilee page in the editor (change permission), create the jubilee page
    (add permission under its index). Translators, for example, may do none
    of it on source pages, so they are shown the list without buttons."""
    indexes = {}
    jubilees = JubileePage.objects.in_bulk(row["jubilee_id"] for row in rows if row["jubilee_id"])
    for row in rows:
        organisation = row["organisation"]
        if organisation.locale_id not in indexes:
            index = jubilee_index_for(organisation)
            indexes[organisation.locale_id] = bool(index) and index.permissions_for_user(user).can_add_subpage()
        jubilee = jubilees.get(row["jubilee_id"])
        row["can_edit_organisation"] = organisation.permissions_for_user(user).can_edit()
        row["can_edit_jubilee"] = bool(jubilee) and jubilee.permissions_for_user(user).can_edit()
        row["can_plan"] = indexes[organisation.locale_id]
    return rows


class UpcomingJubileesPanel(Component):
    name = "upcoming_jubilees"
    template_name = "jubilees/admin/upcoming_jubilees_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        request = parent_context.get("request")
        context["rows"] = with_permissions(upcoming_jubilees(timezone.localdate()), request.user)
        context["csrf_token"] = parent_context.get("csrf_token")
        context["request"] = request
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
    index = jubilee_index_for(organisation)
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
        path("jubilees/plan/<int:organisation_id>/<int:years>/", plan_jubilee, name="jubilees_plan"),
    ]
