"""No parameter makes a search surface answer 500: the search page, the
search API and suggestions, over generated query strings (any text, NUL,
lone surrogates and bytes that are not UTF-8, huge numbers, unknown and
repeated parameters). The APIs answer a bad request with a JSON error."""

from http import HTTPStatus
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import reindex

pytestmark = pytest.mark.django_db

SURFACES = ["/api/search/", "/api/search/suggest/", "/en/search/", "/ru/search/"]
NAMES = ["q", "locale", "type", "page", "page_size", "facets", "group", "order", "q[]", ""]

numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["0", "1", "50", "51", "10000", "10001", "1e3", "0x10", "١٢", "²", " 2 ", "+3", "NaN"]),
)
words = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(exclude_categories=()), max_size=300),
    st.sampled_from(["Pushkin", "Пушкин", "en", "ru", "xx", "event", "page", "organisation", '"', "*", "AND", "\x00"]),
)
#: A value as bytes: text encoded with lone surrogates kept, or any bytes.
raw_values = st.one_of(
    words.map(lambda text: text.encode("utf-8", "surrogatepass")),
    numbers.map(str.encode),
    st.binary(max_size=30),
    st.just("\ud800x".encode("utf-8", "surrogatepass")),
)
parameters = st.lists(st.tuples(st.one_of(st.sampled_from(NAMES), st.text(max_size=5)), raw_values), max_size=8)


def query_string(pairs):
    return "&".join(f"{quote(name.encode('utf-8', 'surrogatepass'))}={quote(value)}" for name, value in pairs)


@pytest.fixture
def indexed(search_pages):
    reindex()
    return search_pages


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(surface=st.sampled_from(SURFACES), pairs=parameters)
def test_no_parameters_make_a_search_surface_fail(client, indexed, surface, pairs):
    response = client.get(surface, QUERY_STRING=query_string(pairs))
    assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR, pairs
    if surface.startswith("/api/") and response.status_code == HTTPStatus.BAD_REQUEST:
        assert response["Content-Type"] == "application/json" and response.json()["error"]


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize(
    "query",
    [
        "q=%00",
        "q=%ED%A0%80",  # a lone surrogate, as UTF-8 would spell it
        "q=%FF%FE",
        "q=pushkin&page=99999999999999999999",
        "q=pushkin&page=10000&page_size=50",
        "q=pushkin&page_size=99999999999999999999",
        "q=pushkin&q=&q=fund",
        "q=pushkin&type=event&type=event&type=",
        "q=pushkin&locale=en&locale=%00",
        "q=pushkin&facets=type&group=1",
        "q=" + "a%20" * 100,
        "q=" + "%D1%8F" * 200,
    ],
)
def test_bad_parameters_answer_a_clear_status(client, indexed, surface, query):
    response = client.get(surface, QUERY_STRING=query)
    assert response.status_code in {HTTPStatus.OK, HTTPStatus.BAD_REQUEST}
    if surface.startswith("/api/") and response.status_code == HTTPStatus.BAD_REQUEST:
        assert response.json()["error"]
