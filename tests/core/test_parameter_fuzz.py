"""No query parameter, however malformed, makes a public view answer a 500.

The views and their parameters are discovered, not listed: a crawl of a small
site collects every path with the parameters its links and GET forms use (each
filter, pagination, the month view, search), and the API endpoints add the
parameters they declare (Wagtail's ``known_query_parameters``, the search
API's documented ones). Hypothesis then sends each view generated values: huge
and negative integers, dates at and past the calendar's limits, NUL and other
control characters, percent-encoded lone surrogates and invalid UTF-8, very
long strings, repeated parameters, digits of other scripts. Every answer must
be below 500, and an API's 400 must be JSON.
"""

import string
from urllib.parse import quote

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from config.api import api_router
from tests.helpers import SiteWalker, build_walk_site

# The JSON search API's parameters (docs/search-api.md): its pages do not link to it.
DOCUMENTED_PARAMETERS = {
    "/api/search/": {"q", "locale", "type", "page", "page_size"},
    "/api/search/suggest/": {"q", "locale"},
}

# Tried on each parameter alone, every time; Hypothesis mixes them with generated ones.
EDGE_VALUES = [
    "-1",
    "99999999999999999999",
    "NaN",
    "0001-01",
    "9999-12",
    "2024-13",
    "0001-01-01",
    "9999-12-31",
    "١٢٣",
    "\x00\r\n\x1b[31m",
    "\ud800",
    "a" * 10_000,
]

SPECIAL_VALUES = EDGE_VALUES + [
    "",
    " ",
    "0",
    "-1",
    "-0",
    "+1",
    "1.5",
    "1e309",
    "NaN",
    "inf",
    "-inf",
    "0x10",
    "null",
    "true",
    "[]",
    "{}",
    "*",
    "99999999999999999999",
    "-99999999999999999999",
    str(2**63),
    str(2**31),
    str(-(2**63) - 1),
    "0000-00",
    "0001-01",
    "9999-12",
    "10000-01",
    "2024-00",
    "2024-13",
    "-2024-01",
    "2024-1",
    "2024-01-01",
    "0001-01-01",
    "9999-12-31",
    "0000-01-01",
    "2024-02-30",
    "1970-01-01T00:00:00Z",
    "١٢٣",
    "۱۲",
    "１２",  # noqa: RUF001  full-width digits are the input under test
    "²",
    "߁",
    "𝟙𝟚",  # noqa: RUF001  mathematical digits are the input under test
    "Ⅻ",  # digits of other scripts
    "\x00",
    "a\x00b",
    "\r\n",
    "\x1b[31m",
    "\x7f",
    "\u2028",
    "\ufeff",
    "\u202e",
    "\U0010ffff",
    "en",
    "nl",
    "fr",
    "ru",
    "xx",
    "zz-ZZ",
    "events.EventPage",
    "wagtailcore.Page",
    "auth.User",
    "id",
    "-title",
    "title,id",
    "*,-title",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%",
    "%%",
    "\\",
    "a" * 10_000,
    "9" * 5_000,
    "Пушкин" * 500,
]


def percent_encode(value):
    """``value`` as a query string part; lone surrogates become their (invalid) UTF-8 bytes."""
    if isinstance(value, bytes):
        return "".join(f"%{byte:02X}" for byte in value)
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


values = st.one_of(
    st.sampled_from(SPECIAL_VALUES),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates().map(lambda date: f"{date.year:04d}-{date.month:02d}"),
    st.dates().map(lambda date: date.isoformat()),
    st.text(max_size=30),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F), max_size=5),
    st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=3),
    st.text(alphabet=string.digits, min_size=15, max_size=40),
    st.binary(min_size=1, max_size=12),
)


def query_strategy(names):
    """Query strings naming ``names`` (and an unknown one), each maybe repeated."""
    name = st.sampled_from(sorted(names) + ["unknown"])
    return st.lists(st.tuples(name, values), min_size=1, max_size=4).map(
        lambda pairs: "&".join(f"{quote(key)}={percent_encode(value)}" for key, value in pairs)
    )


@pytest.fixture(scope="module")
def views(django_db_setup, django_db_blocker):
    """``{path: parameter names}`` of every public view taking parameters, on a small site kept for the module."""
    from home.models import HomePage
    from tests import factories

    with django_db_blocker.unblock(), transaction.atomic():
        home_page = HomePage.objects.get(locale__language_code="en")
        sections = {
            "organisations": factories.OrganisationIndexPageFactory(parent=home_page),
            "jubilees": factories.JubileeIndexPageFactory(parent=home_page),
            "heritage": factories.HeritageIndexPageFactory(parent=home_page),
            "events": factories.EventIndexPageFactory(parent=home_page),
        }
        build_walk_site(home_page, sections, languages=())
        walker = SiteWalker(limit=300)
        walker.walk(["/", "/en/", "/sitemap.xml", "/robots.txt", "/api/v2/pages/", "/en/search/?q=concert"])
        found = {path: names for path, names in walker.parameters.items() if names}
        # A page's routes (a calendar's feeds and month view) read the same filters as the page.
        for path in walker.parameters:
            for prefix, shared in list(found.items()):
                if path != prefix and path.startswith(prefix) and prefix.count("/") > 2:
                    found.setdefault(path, set()).update(shared)
        for prefix, endpoint in api_router._endpoints.items():
            found.setdefault(f"/api/v2/{prefix}/", set()).update(endpoint.known_query_parameters)
        for path, names in DOCUMENTED_PARAMETERS.items():
            found.setdefault(path, set()).update(names)
        yield found
        transaction.set_rollback(True)


def representative_views(views):
    """One path per view: one API detail stands for all."""
    chosen = {}
    for path, names in sorted(views.items()):
        key = path
        if path.startswith("/api/v2/") and path.rstrip("/").rsplit("/", 1)[-1].isdigit():
            key = path.rsplit("/", 2)[0] + "/<id>/"
        chosen.setdefault(key, (path, set()))[1].update(names)
    return dict(chosen.values())


# The surfaces, each fuzzed by its own test; "pages" is every other view found.
SURFACES = {
    "events": lambda path: "/events/" in path,
    "api": lambda path: path.startswith("/api/v2/"),
    "search": lambda path: path.startswith("/api/search/") or path.endswith("/search/"),
}


def surface_of(path):
    return next((name for name, matches in SURFACES.items() if matches(path)), "pages")


def fuzz(path, names):
    """Run Hypothesis on one view; return the first bad answer, or None."""
    client = Client(raise_request_exception=False)
    bad = []

    @settings(
        max_examples=15,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(query_strategy(names | {"page"}))
    def check(query):
        if bad:
            return
        response = client.get(f"{path}?{query}")
        if response.status_code >= 500:
            error = repr(response.exc_info[1]) if getattr(response, "exc_info", None) else ""
            bad.append(f"{path}?{query[:200]} -> {response.status_code} {error[:300]}")
        elif path.startswith("/api/") and response.status_code == 400 and "json" not in response["Content-Type"]:
            bad.append(f"{path}?{query[:200]} -> 400 not JSON")

    for name in sorted(names):
        for value in EDGE_VALUES:
            if not bad:
                check.hypothesis.inner_test(f"{quote(name)}={percent_encode(value)}")
    if not bad:
        check()
    return bad[0] if bad else None


# Marked for the database although it reads none itself: pytest-django runs
# unmarked tests after the transactional ones, which empty the database that
# the module's site is built in.
@pytest.mark.django_db
def test_every_surface_was_found(views):
    chosen = representative_views(views)
    assert {"/api/v2/pages/", "/api/v2/images/", "/api/search/", "/en/search/"} <= set(chosen)
    assert {"month/", "ical/", "feed/rss/", "/en/organisations/"} <= {
        part for path in chosen for part in ("month/", "ical/", "feed/rss/", "/en/organisations/") if part in path
    }
    assert "month" in chosen["/en/events/ical/"], "a page's routes take the page's filters"


@pytest.mark.django_db
@pytest.mark.parametrize("surface", [*SURFACES, "pages"])
def test_no_parameter_makes_a_public_view_fail(views, surface):
    chosen = {path: names for path, names in representative_views(views).items() if surface_of(path) == surface}
    failures = [failure for path, names in sorted(chosen.items()) if (failure := fuzz(path, names))]
    assert not failures, "\n".join(failures)
