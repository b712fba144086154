"""Coming round anniversaries for visitors, in the language of the jubilee index.

The admin dashboard gives editors the same list to plan jubilee pages
(:mod:`jubilees.wagtail_hooks`); visitors see it under the jubilee index
(``anniversaries/``): every visible organisation with a round anniversary (by
the network's rule, :func:`jubilees.rules.is_round_anniversary`) in
the coming months, named in the page's language where it is translated, with
the jubilee page when one is published for that anniversary.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, When

from localisation.collation import sort_key
from localisation.relations import localize_pages

from .rules import ComingAnniversary, coming_round_anniversaries

#: How far ahead visitors are shown anniversaries (editors plan 18 months ahead too).
PUBLIC_MONTHS = 18


@dataclass(frozen=True)
class PublicAnniversary:
    organisation: object  # a LocalizedLink to the organisation page
    anniversary: ComingAnniversary
    jubilee: object = None  # a LocalizedLink to the jubilee page, when one is published

    @property
    def sort_date(self):
        return self.anniversary.date or datetime.date(self.anniversary.year, 12, 31)


def coming_anniversaries(locale, site, today, months=PUBLIC_MONTHS):
    """The coming round anniversaries of visible organisations, earliest first, in ``locale``."""
    from .models import JubileePage, OrganisationPage

    organisations = {}
    # One row per organisation: its translation in this locale first, else the source language's.
    for organisation in (
        OrganisationPage.objects.visible(site)
        .filter(founded_year__isnull=False)
        .select_related("locale")
        .order_by(
            Case(When(locale=locale, then=0), When(locale__language_code=settings.LANGUAGE_CODE, then=1), default=2),
            "pk",
        )
    ):
        organisations.setdefault(organisation.translation_key, organisation)

    coming = [
        (organisation, anniversary)
        for organisation in organisations.values()
        for anniversary in coming_round_anniversaries(
            organisation.founded_year, organisation.founded_date, today, months
        )
    ]
    if not coming:
        return []

    jubilees = {}
    for jubilee in (
        JubileePage.objects.visible(site)
        .filter(organisation__translation_key__in=organisations, anniversary__isnull=False)
        .select_related("organisation", "locale")
        .order_by(Case(When(locale=locale, then=0), default=1), "pk")
    ):
        jubilees.setdefault((jubilee.organisation.translation_key, jubilee.anniversary), jubilee)
    organisation_links = {
        link.page.translation_key: link for link in localize_pages(organisations.values(), locale, site=site)
    }
    jubilee_links = {link.page.translation_key: link for link in localize_pages(jubilees.values(), locale, site=site)}

    rows = []
    for organisation, anniversary in coming:
        link = organisation_links.get(organisation.translation_key)
        if link is None:
            continue
        jubilee = jubilees.get((organisation.translation_key, anniversary.years))
        rows.append(
            PublicAnniversary(
                organisation=link,
                anniversary=anniversary,
                jubilee=jubilee_links.get(jubilee.translation_key) if jubilee else None,
            )
        )
    rows.sort(key=lambda row: (row.sort_date, sort_key(row.organisation.page.title)))
    return rows
