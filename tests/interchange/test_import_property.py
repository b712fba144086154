"""Property: every file the validator accepts imports; every file it refuses writes nothing.

Files are generated from the format (docs/content-format.md): a few ids of
each type, sources and translations, references, explicit and derived slugs,
and values at and beyond the edges (years the model refuses, moments at the
ends of the calendar, control characters, lone surrogates, long text), over a
site that already holds some of the same ids (a source and its French
translation, an organisation without a founding year).
"""

import json

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Page, Revision

from interchange.importer import import_file
from interchange.validation import InvalidContent, validate_file

pytestmark = pytest.mark.django_db

BASE = [
    {"id": "fund", "type": "organisation", "locale": "en", "title": "Fund", "founded": "1999", "country": "BE"},
    {"id": "fund", "type": "organisation", "locale": "fr", "title": "Fonds"},
    {"id": "circle", "type": "organisation", "locale": "en", "title": "Circle"},
]

IDS = st.sampled_from(["fund", "circle", "choir", "gala", "jubilee", "project", "about"])
PLAIN = st.sampled_from(["Fund", "Фонд", "Choir", "Fonds", "tab\there"])
TEXT = st.one_of(
    PLAIN,
    PLAIN,
    PLAIN,
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=12),
    st.sampled_from(["x" * 256, "a\r\nb", "nul\x00", "\ud800", " "]),
)
SLUGS = st.sampled_from(["fund", "circle", "choir", "fonds", "Fund", "фонд", "a b"])
YEARS = st.sampled_from(["0500", "0799", "0800", "1946", "1999", "2016-11-19", "2999", "1999-02-30"])
MOMENTS = st.sampled_from(
    [
        "2017-03-18T20:00:00+01:00",
        "2017-03-18T22:00:00+01:00",
        "0001-01-01T00:00:00+01:00",
        "9999-12-31T23:00:00-05:00",
        "2017-03-18T20:00:00",
    ]
)
COMMON = {"slug": SLUGS, "summary": TEXT, "body": st.lists(TEXT, max_size=2), "tags": st.lists(TEXT, max_size=2)}
BY_TYPE = {
    "organisation": {
        "founded": YEARS,
        "city": TEXT,
        "country": st.sampled_from(["BE", "NL", "XX"]),
        "member_of": st.lists(IDS, max_size=2, unique=True),
    },
    "jubilee": {
        "organisation": IDS,
        "date": st.sampled_from(["2016-11-19", "1990-01-01", "0001-01-01"]),
        "anniversary": st.integers(0, 80),
    },
    "event": {"start": MOMENTS, "end": MOMENTS, "venue": TEXT, "organisers": st.lists(IDS, max_size=2, unique=True)},
    "heritage_project": {"start_year": st.integers(0, 3000), "end_year": st.integers(1990, 2030), "place": TEXT},
    "page": {"status": st.sampled_from(["live", "draft", "private"])},
}


@st.composite
def items(draw):
    item_type = draw(st.sampled_from(list(BY_TYPE)))
    item = {
        "id": draw(IDS),
        "type": item_type,
        "locale": draw(st.sampled_from(["en", "en", "fr", "ru"])),
        "title": draw(TEXT),
    }
    fields = {**COMMON, **BY_TYPE[item_type]}
    for name in draw(st.lists(st.sampled_from(sorted(fields)), max_size=4, unique=True)):
        item[name] = draw(fields[name])
    return item


def counts():
    return Page.objects.count(), Revision.objects.count()


@pytest.fixture
def base_site(home_page, tmp_path_factory):
    path = tmp_path_factory.mktemp("base") / "base.jsonl"
    path.write_text("".join(json.dumps(item) + "\n" for item in BASE), encoding="utf-8")
    import_file(path)
    return tmp_path_factory.mktemp("files")


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(items(), min_size=1, max_size=4))
def test_accepted_files_import_and_refused_files_write_nothing(base_site, lines):
    path = base_site / "generated.jsonl"
    path.write_text("".join(json.dumps(item) + "\n" for item in lines), encoding="utf-8")
    with transaction.atomic():
        before = counts()
        report = validate_file(path)
        if report.is_valid:
            import_file(path)  # must not raise
        else:
            with pytest.raises(InvalidContent):
                import_file(path)
            assert counts() == before
        transaction.set_rollback(True)  # each example starts from the same site
