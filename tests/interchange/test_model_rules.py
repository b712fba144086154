"""One set of rules: what the page models refuse, the import refuses, with the model's own message, and
what the models accept survives an export and a re-import.

Each test stands for a place where the validator's own rules had drifted from the models'.
"""

import json

import pytest
from django.core.exceptions import ValidationError

from events.models import EventPage
from heritage.models import HeritageProjectPage
from interchange.exporter import export_items
from interchange.importer import import_file
from interchange.validation import validate_lines
from organisations.models import OrganisationPage
from tests.factories import EventPageFactory, HeritageProjectPageFactory, OrganisationPageFactory

pytestmark = pytest.mark.django_db


def problems(*items):
    return validate_lines([json.dumps(item) for item in items]).messages


def model_messages(page, field):
    """The messages the model's validation gives ``field`` of ``page``."""
    with pytest.raises(ValidationError) as refused:
        page.full_clean(exclude=[f.name for f in type(page)._meta.fields if f.name != field])
    return refused.value.message_dict[field]


def write(tmp_path, items):
    path = tmp_path / "content.jsonl"
    path.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items), encoding="utf-8")
    return path


def test_an_ftp_website_is_refused_by_the_model_and_the_import_alike(home_page):
    """The validator took only http(s) addresses, the model also ftp: a page saved in the
    admin with an ftp website exported a line that its re-import refused."""
    (message,) = model_messages(OrganisationPage(website="ftp://x.org"), "website")
    assert message == "Enter a web address starting with http:// or https://."
    item = {"id": "fund", "type": "organisation", "locale": "en", "title": "Fund", "website": "ftp://x.org"}
    assert problems(item) == [f"line 1: website: 'ftp://x.org' is not a valid URL ({message})"]


def test_an_ftp_details_link_of_an_event_is_refused_by_the_model_and_the_import_alike(home_page):
    (message,) = model_messages(EventPage(details_url="ftp://x.org/tickets"), "details_url")
    item = {
        "id": "concert",
        "type": "event",
        "locale": "en",
        "title": "Concert",
        "start": "2017-03-18T20:00:00+01:00",
        "end": "2017-03-18T22:00:00+01:00",
        "url": "ftp://x.org/tickets",
    }
    assert problems(item) == [f"line 1: url: 'ftp://x.org/tickets' is not a valid URL ({message})"]


def test_year_zero_is_refused_by_the_model_and_the_import_alike(home_page):
    """The validator refused a start year 0, the model took it: an export of that page could not be re-imported."""
    (message,) = model_messages(HeritageProjectPage(start_year=0), "start_year")
    item = {"id": "choir", "type": "heritage_project", "locale": "en", "title": "Choir", "start_year": 0}
    assert problems(item) == [f"line 1: start_year: {message}"]


def test_a_project_ending_before_it_starts_gets_the_models_message(home_page):
    """The validator had its own copy of the rule, with its own words; now the model's ``clean`` says it."""
    page = HeritageProjectPage(title="Choir", start_year=2010, end_year=2009)
    with pytest.raises(ValidationError) as refused:
        page.clean()
    (message,) = refused.value.message_dict["end_year"]
    item = {"id": "choir", "type": "heritage_project", "locale": "en", "title": "Choir"}
    assert problems({**item, "start_year": 2010, "end_year": 2009}) == [f"line 1: end_year: {message}"]


def test_an_event_ending_before_it_starts_gets_the_models_message(home_page):
    item = {
        "id": "concert",
        "type": "event",
        "locale": "en",
        "title": "Concert",
        "start": "2017-03-18T22:00:00+01:00",
        "end": "2017-03-18T20:00:00+01:00",
    }
    assert problems(item) == ["line 1: end: The event cannot end before it starts."]


def test_what_the_models_accept_exports_and_imports_back(sections, tmp_path):
    """Pages made in the admin with the edge values the models take round-trip through the format."""
    OrganisationPageFactory(parent=sections["organisations"], website="https://x.org/" + "a" * 180, founded_year=800)
    HeritageProjectPageFactory(parent=sections["heritage"], start_year=1, end_year=32767)
    EventPageFactory(parent=sections["events"], details_url="http://example.org/tickets")
    exported = list(export_items())
    assert {item["type"] for item in exported} == {"organisation", "heritage_project", "event"}
    # The format's ``YYYY``: a founding year the model takes (800) was written "800", which the import refused.
    assert [item["founded"] for item in exported if item["type"] == "organisation"] == ["0800"]
    assert validate_lines([json.dumps(item) for item in exported]).is_valid
    result = import_file(write(tmp_path, exported))
    assert result.unchanged == len(exported)
