"""No query string makes the API v2 answer 500: generated parameters over the
pages listing (with and without a page type), a page's detail, find, images
and documents. A refused value is a 400 with a JSON message."""

from http import HTTPStatus
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from config.api import VisiblePagesAPIViewSet
from tests import factories

pytestmark = pytest.mark.django_db

TYPES = [
    "events.EventPage",
    "organisations.OrganisationPage",
    "jubilees.JubileePage",
    "heritage.HeritageProjectPage",
    "cooperation.CooperationProtocolPage",
    "events.EventPage,organisations.OrganisationPage",
    "wagtailcore.Page",
    "events.Nothing",
    "auth.User",
    "events",
]
FIELD_NAMES = [
    "id",
    "title",
    "slug",
    "start",
    "end",
    "country",
    "city",
    "founded_year",
    "founded_date",
    "organisation",
    "organisers",
    "memberships",
    "recognitions",
    "logo",
    "date",
    "anniversary",
    "year",
    "show_in_menus",
    "first_published_at",
    "width",
    "tags",
    "html_path",
]
NAMES = sorted(VisiblePagesAPIViewSet.known_query_parameters) + FIELD_NAMES

numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["0", "1", "50", "51", "2147483647", "2147483648", "1e3", "0x10", "١٢", " 2 ", "+3", "NaN"]),
)
words = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            *TYPES,
            "*",
            "_",
            "*,organisers(title)",
            "organisers(*)",
            "title(id)",
            "parent(title)",
            "-title",
            "random",
            "en",
            "ru",
            "xx",
            "root",
            "localhost",
            "localhost:80",
            "localhost:x",
            "2020-02-30",
            "9999-12-31T23:59:59+14:00",
            "true",
            "and",
            "\x00",
        ]
    ),
)
raw_values = st.one_of(
    words.map(lambda text: text.encode("utf-8", "surrogatepass")),
    numbers.map(str.encode),
    st.binary(max_size=20),
)
parameters = st.lists(st.tuples(st.one_of(st.sampled_from(NAMES), st.text(max_size=5)), raw_values), max_size=6)
endpoints = st.sampled_from(["pages/", "pages/{event}/", "pages/find/", "images/", "documents/"])


def query_string(pairs):
    return "&".join(f"{quote(name.encode('utf-8', 'surrogatepass'))}={quote(value)}" for name, value in pairs)


@pytest.fixture
def content(sections):
    fund = factories.OrganisationPageFactory(parent=sections["organisations"], country="")
    event = factories.EventPageFactory(parent=sections["events"], country="")
    factories.EventOrganiserFactory(event=event, organisation=fund)
    factories.JubileePageFactory(parent=sections["jubilees"], organisation=fund)
    factories.HeritageProjectPageFactory(parent=sections["heritage"])
    factories.ImageFactory()
    return {"event": event.pk}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(endpoint=endpoints, pairs=parameters, page_type=st.one_of(st.none(), st.sampled_from(TYPES)))
def test_no_query_string_makes_the_api_fail(client, content, endpoint, pairs, page_type):
    if page_type is not None:
        pairs = [("type", page_type.encode()), *pairs]
    response = client.get(f"/api/v2/{endpoint.format(**content)}", QUERY_STRING=query_string(pairs))
    assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR, pairs
    if response.status_code == HTTPStatus.BAD_REQUEST:
        assert response["Content-Type"] == "application/json"
        assert response.json()["message"]
