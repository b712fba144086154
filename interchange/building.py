"""A page's fields from an interchange line, and the model's verdict on them.

The importer fills pages with :func:`assign_fields`; the validator fills an
unsaved page of the same model with that same function and asks the model's
own validation (:func:`model_problems`): a line that the model would refuse
at import is refused at validation, with its line number and field, so the
two cannot drift apart.
"""

from html import escape

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from wagtail.rich_text import RichText

from organisations.models import OrganisationPage

from .checks import founded_year_of, parse_date, parse_datetime
from .exporter import TRANSLATABLE_BY_TYPE, time_zone_for
from .pages import TYPE_MODELS

TYPE_FIELDS_WITH_COUNTRY = ("organisation", "heritage_project", "event")

#: Model fields a line sets; the others (place in the tree, revisions, owner)
#: are the importer's business, and foreign keys are checked as references.
LINE_MODEL_FIELDS = {
    "title",
    "draft_title",
    "slug",
    "summary",
    "body",
    "external_id",
    "city",
    "country",
    "kind",
    "founded_year",
    "founded_date",
    "website",
    "email",
    "start_year",
    "end_year",
    "place",
    "date",
    "anniversary",
    "start",
    "end",
    "time_zone",
    "venue",
    "category",
    "details_url",
}

#: The line's name of a model field, where they differ.
ITEM_FIELD_OF = {
    "draft_title": "title",
    "founded_year": "founded",
    "founded_date": "founded",
    "details_url": "url",
    "time_zone": "start",
    "external_id": "id",
    NON_FIELD_ERRORS: "line",
}


def anniversary_for(item, founded_year):
    """The jubilee's anniversary: the line's, or derived from the organisation's founding year."""
    if "anniversary" in item:
        return item["anniversary"]
    year = parse_date(item["date"]).year
    return year - founded_year if founded_year and year > founded_year else None


def paragraph_blocks(texts):
    return [("paragraph", RichText(f"<p>{escape(text)}</p>")) for text in texts]


def assign_fields(page, item, anniversary=None):
    """Set the fields of ``page`` that the source line ``item`` describes (no relations)."""
    page.title = item["title"]
    page.summary = item.get("summary", "")
    page.body = paragraph_blocks(item.get("body", []))
    item_type = item["type"]
    for name in TRANSLATABLE_BY_TYPE[item_type]:
        setattr(page, name, item.get(name, ""))
    if item_type in TYPE_FIELDS_WITH_COUNTRY:
        page.country = item.get("country", "")
    if item_type == "organisation":
        page.kind = item.get("kind", page._meta.get_field("kind").default)
        founded = item.get("founded")
        page.founded_date = parse_date(founded) if founded else None
        page.founded_year = founded_year_of(founded) if founded else None
        page.website = item.get("website", "")
        page.email = item.get("email", "")
    elif item_type == "heritage_project":
        page.start_year = item.get("start_year")
        page.end_year = item.get("end_year")
    elif item_type == "jubilee":
        page.date = parse_date(item["date"])
        page.anniversary = anniversary
    elif item_type == "event":
        start, end = parse_datetime(item["start"]), parse_datetime(item["end"])
        page.start, page.end = start, end
        page.time_zone = time_zone_for(start, end)
        page.category = item.get("category", page._meta.get_field("category").default)
        page.details_url = item.get("url", "")


def organisation_stand_in(title, founded_year):
    """An unsaved organisation standing for one of the file, for a jubilee's validation.

    A jubilee's ``clean`` asks whether it has an organisation (by key) and reads
    its founding year; the organisation of a file has no key before the import,
    so the stand-in carries one that no page has. Whether the reference exists
    is the validator's reference check.
    """
    stand_in = OrganisationPage(title=title, founded_year=founded_year)
    stand_in.pk = -1
    return stand_in


def model_problems(item, organisation=None):
    """``[(field, message)]``: what the page model's validation says of the source line ``item``.

    ``organisation``, for a jubilee, is its organisation's page (or stand-in).
    """
    model = TYPE_MODELS[item["type"]]
    page = model(external_id=item["id"], slug=item.get("slug", ""))
    anniversary = None
    if organisation is not None:
        page.organisation = organisation
        anniversary = anniversary_for(item, organisation.founded_year)
    assign_fields(page, item, anniversary)
    page.draft_title = page.title
    checked = set(LINE_MODEL_FIELDS) - ({"slug"} if not page.slug else set())
    errors = {}
    try:
        page.clean_fields(exclude=[field.name for field in model._meta.fields if field.name not in checked])
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    try:
        page.clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    problems = []
    for name, messages in errors.items():
        for message in ValidationError(messages).messages:
            problems.append((ITEM_FIELD_OF.get(name, name), message))
    return problems
