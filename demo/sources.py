"""English source pages of the demo built in code, found again by their external id."""

from localisation.slugs import slug_from_title
from organisations.models import OrganisationPage


def english_organisations(external_ids):
    """The English organisation pages of ``external_ids``, in that order."""
    by_id = {
        page.external_id: page
        for page in OrganisationPage.objects.filter(external_id__in=external_ids, locale__language_code="en")
    }
    return [by_id[external_id] for external_id in external_ids]


def ensure_source(parent, model, external_id, fields, build=None):
    """The English source page ``external_id`` under ``parent`` with ``fields``; (page, whether it changed).

    ``build(page)`` sets what only a new page gets (its body) or relations; it
    returns whether it changed anything.
    """
    page = model.objects.filter(external_id=external_id, locale=parent.locale).first()
    if page is None:
        page = model(external_id=external_id, slug=slug_from_title(fields["title"]), **fields)
        if build:
            build(page)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page, True
    changed = False
    for name, value in fields.items():
        if getattr(page, name) != value:
            setattr(page, name, value)
            changed = True
    if build:
        changed |= build(page)
    if changed:
        page.save_revision().publish()
    return page, changed


def translated_values(texts):
    return {**texts, "slug": slug_from_title(texts["title"])}
