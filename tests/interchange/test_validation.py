"""Every rule of docs/content-format.md, as validation messages ``line N: field: message``."""

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interchange.validation import validate_lines

pytestmark = pytest.mark.django_db

MESSAGE = re.compile(r'^line \d+: ([A-Za-z_][A-Za-z0-9_]*|"[^\n]*"): [^\n]+$')


def org(**fields):
    return {"id": "fund", "type": "organisation", "locale": "en", "title": "Fund", **fields}


def problems(*items):
    lines = [item if isinstance(item, (str, bytes)) else json.dumps(item) for item in items]
    return validate_lines(lines).messages


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ({"type": "page", "locale": "en", "title": "T"}, "line 1: id: required"),
        (org(id="Fund"), "line 1: id: 'Fund' must match"),
        (org(id="a" * 101), "line 1: id: is 101 characters long"),
        (org(type="person"), "line 1: type: 'person' is not one of"),
        (org(locale="de"), "line 1: locale: 'de' is not one of"),
        (org(title="x" * 256), "line 1: title: is 256 characters long"),
        (org(title=""), "line 1: title: must not be empty"),
        (org(summary="x" * 1001), "line 1: summary: is 1001 characters long"),
        (org(body="text"), "line 1: body: must be a list of paragraphs"),
        (org(tags=["a", "A"]), "line 1: tags: lists a tag twice"),
        (org(status="hidden"), "line 1: status: 'hidden' is not one of"),
        (org(kind="club"), "line 1: kind: 'club' is not one of"),
        (org(founded="19-5"), "line 1: founded: '19-5' is not a year"),
        (org(founded="2019-02-30"), "line 1: founded: '2019-02-30' is not a year"),
        (org(country="XX"), "line 1: country: 'XX' is not an ISO 3166-1"),
        (org(email="nope"), "line 1: email: 'nope' is not a valid email"),
        (
            org(website="ftp://x.org"),
            "line 1: website: 'ftp://x.org' is not a valid URL (Enter a web address starting with http",
        ),
        (org(colour="red"), "line 1: colour: unknown field"),
        (org(place="Liège"), "line 1: place: unknown field"),
        (org(member_of=["ghost"]), "line 1: member_of: 'ghost' is neither in the file nor on the site"),
        (org(member_of=["fund"]), "line 1: member_of: an item cannot refer to itself"),
        (org(parent="nowhere"), "line 1: parent: 'nowhere' is neither in the file nor on the site"),
        (
            {
                "id": "e",
                "type": "event",
                "locale": "en",
                "title": "E",
                "start": "2017-03-18T20:00:00",
                "end": "2017-03-18T22:00:00+01:00",
            },
            "line 1: start: '2017-03-18T20:00:00' is not an ISO 8601 date-time with a UTC offset",
        ),
        (
            {
                "id": "e",
                "type": "event",
                "locale": "en",
                "title": "E",
                "start": "2017-03-18T20:00:00+01:00",
                "end": "2017-03-18T19:00:00+01:00",
            },
            "line 1: end: The event cannot end before it starts.",
        ),
        ({"id": "e", "type": "event", "locale": "en", "title": "E"}, "line 1: start: required for type event"),
        (
            {
                "id": "e",
                "type": "event",
                "locale": "en",
                "title": "E",
                "start": "2017-03-18T20:00:00+01:00",
                "end": "2017-03-18T22:00:00+01:00",
                "category": "party",
            },
            "line 1: category: 'party' is not one of",
        ),
        (
            {"id": "h", "type": "heritage_project", "locale": "en", "title": "H", "start_year": 2010, "end_year": 2009},
            "line 1: end_year: A project cannot end before it starts.",
        ),
        (
            {"id": "h", "type": "heritage_project", "locale": "en", "title": "H", "start_year": "2010"},
            "line 1: start_year: must be a positive whole number",
        ),
        (
            {"id": "j", "type": "jubilee", "locale": "en", "title": "J", "organisation": "o", "date": "2019-13-01"},
            "line 1: date: '2019-13-01' is not a date",
        ),
    ],
)
def test_single_line_rules(item, expected):
    assert any(message.startswith(expected) for message in problems(item)), problems(item)


def test_valid_file_has_no_problems():
    assert (
        problems(
            org(kind="foundation", founded="1999-05-01", country="BE", email="a@b.org"),
            "",
            org(locale="nl", title="Fonds"),
        )
        == []
    )


def test_translation_rules():
    messages = problems(
        org(city="Brussels", country="BE", body=["one"]),
        org(locale="nl", title="Fonds", country="NL"),
        org(locale="fr", type="event", title="Fonds"),
        org(locale="nl", title="Fonds bis"),
        org(locale="ru", title="Фонд", body=["один", "два"]),
        org(locale="fr", title="Fonds", summary="Rien"),
    )
    assert "line 2: country: is not translatable and differs from the source (line 1)" in messages
    assert "line 3: type: 'event' differs from the source's 'organisation' (line 1)" in messages
    assert "line 4: locale: 'fund' already has a line in 'nl' (line 2)" in messages
    assert "line 5: body: has 2 paragraphs; the source (line 1) has 1" in messages
    assert "line 6: summary: the source (line 1) has no summary to translate" in messages


def test_reference_types_and_parent_type():
    messages = problems(
        {"id": "page", "type": "page", "locale": "en", "title": "P"},
        org(member_of=["page"]),
        {"id": "child", "type": "page", "locale": "en", "title": "C", "parent": "fund"},
    )
    assert "line 2: member_of: 'page' is of type page, not organisation" in messages
    assert "line 3: parent: 'fund' is of type organisation, not page" in messages


def test_jubilee_anniversary_must_agree_with_the_founding_year():
    messages = problems(
        org(founded="1946"),
        {
            "id": "j",
            "type": "jubilee",
            "locale": "en",
            "title": "J",
            "organisation": "fund",
            "date": "2016-11-19",
            "anniversary": 60,
        },
    )
    # The page model's own rule and message (JubileePage.clean).
    assert messages == [
        "line 2: anniversary: Fund was founded in 1946: the anniversary celebrated in 2016 is 70 years, not 60."
    ]


def test_not_json_not_objects_not_utf8_all_reported():
    messages = problems("{not json", "[1, 2]", b"\xff\xfe{}", org())
    assert [message.split(":")[0] for message in messages] == ["line 1", "line 2", "line 3"]
    assert messages[2].startswith("line 3: encoding: not UTF-8")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
FIELD_NAMES = st.sampled_from(
    [
        "id",
        "type",
        "locale",
        "title",
        "slug",
        "summary",
        "body",
        "tags",
        "status",
        "parent",
        "kind",
        "founded",
        "city",
        "country",
        "website",
        "email",
        "member_of",
        "organisations",
        "start_year",
        "end_year",
        "place",
        "organisation",
        "date",
        "anniversary",
        "start",
        "end",
        "venue",
        "organisers",
        "category",
        "url",
        "other",
    ]
)
ITEMS = st.dictionaries(FIELD_NAMES, JSON_VALUES, max_size=8)
#: Lines sharing one id, so that translation and reference rules meet malformed values.
SAME_ID_ITEMS = st.builds(
    lambda base, extra: {**extra, **base},
    st.fixed_dictionaries(
        {
            "id": st.sampled_from(["x", "y"]),
            "type": st.sampled_from(["organisation", "heritage_project", "jubilee", "event", "page"]),
            "locale": st.sampled_from(["en", "nl", "fr", "ru"]),
            "title": st.just("T"),
        }
    ),
    st.dictionaries(FIELD_NAMES, JSON_VALUES | st.sampled_from(["x", "y", ["x"], ["y"]]), max_size=4),
)
RAW_LINES = st.one_of(
    ITEMS.map(json.dumps),
    SAME_ID_ITEMS.map(json.dumps),
    SAME_ID_ITEMS.map(json.dumps),
    st.binary(max_size=30),
    st.text(max_size=30),
    JSON_VALUES.map(json.dumps),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(RAW_LINES, min_size=1, max_size=6))
def test_malformed_lines_always_give_line_numbered_messages(lines):
    lines = [
        line.replace("\n", " ").replace("\r", " ")
        if isinstance(line, str)
        else line.replace(b"\n", b" ").replace(b"\r", b" ")
        for line in lines
    ]
    report = validate_lines(lines)
    for message in report.messages:
        assert MESSAGE.match(message), message
