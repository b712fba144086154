"""Backend parity: the same searches give the same answers on every backend.

The cases run against whatever database the suite is configured with (CI runs
them on SQLite and on PostgreSQL), so a difference between the backends'
analysis or ranking shows up as a failing case here. Each case is a query, an
optional language and type filter, the pages (``(language, title)``) expected
among the first results and pages that must not be found at all.
"""

from dataclasses import dataclass, field

import pytest
from wagtail.models import PageViewRestriction

from localisation.translation import translate_page
from tests import factories
from tests.helpers import reindex

pytestmark = pytest.mark.django_db

#: How deep in the results an expected page may be.
TOP = 5

FUND_EN = ("en", "International Pushkin Fund")
FUND_NL = ("nl", "Internationaal Poesjkin Fonds")
FUND_FR = ("fr", "Fondation internationale Pouchkine")
FUND_RU = ("ru", "Международный фонд Пушкина")
PUSHKIN_DAY = ("en", "Pushkin Day in Brussels")
CHOIR = ("en", "The choir of Liège")
SAMOVAR = ("en", "Samovar evening")
BALALAIKA = ("en", "Balalaika orchestra")
DRAFT = ("en", "Pushkin draft programme")
PRIVATE = ("en", "Pushkin members only")


@pytest.fixture
def parity_content(home_page, sections, locales, django_capture_on_commit_callbacks):
    """An organisation about Pushkin in four languages, other pages in English,
    and a draft and a private page that must never be found."""
    fund = factories.OrganisationPageFactory(
        parent=sections["organisations"],
        title=FUND_EN[1],
        slug="international-pushkin-fund",
        summary="The fund organises readings of poetry and keeps the archives of the emigration.",
        external_id="pushkin-fund",
    )
    translations = {
        "nl": {
            "title": FUND_NL[1],
            "slug": "internationaal-poesjkin-fonds",
            "summary": "Het fonds organiseert voorlezingen van gedichten en bewaart de archieven van de emigratie.",
        },
        "fr": {
            "title": FUND_FR[1],
            "slug": "fondation-internationale-pouchkine",
            "summary": "La fondation organise des lectures de poèmes et une coopération avec les archives.",
        },
        "ru": {
            "title": FUND_RU[1],
            "slug": "mezhdunarodnyi-fond-pushkina",
            "summary": "Фонд организует чтения стихов и хранит архивы эмиграции.",
        },
    }
    # wagtail-localize publishes translations when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        for language, values in translations.items():
            translate_page(fund, language, values)
    factories.EventPageFactory(
        parent=sections["events"],
        title=PUSHKIN_DAY[1],
        slug="pushkin-day",
        summary="Celebrations of the poet's birthday.",
    )
    factories.StandardPageFactory(
        parent=home_page, title=CHOIR[1], slug="choir", summary="Songs of the coopération between our towns."
    )
    factories.StandardPageFactory(parent=home_page, title=SAMOVAR[1], slug="samovar", summary="Tea and talk.")
    factories.StandardPageFactory(parent=home_page, title=BALALAIKA[1], slug="balalaika", summary="Strings.")
    draft = factories.StandardPageFactory(
        parent=home_page, title=DRAFT[1], slug="draft", summary="Pushkin readings, not yet published."
    )
    draft.unpublish()
    private = factories.StandardPageFactory(
        parent=home_page, title=PRIVATE[1], slug="members", summary="Pushkin readings for members."
    )
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    reindex()


@dataclass
class Case:
    query: str
    expected: list
    locale: str | None = None
    types: list = field(default_factory=list)
    absent: list = field(default_factory=list)

    def __str__(self):
        return "-".join(filter(None, [self.query, self.locale, *self.types]))


ALL_FUNDS = [FUND_EN, FUND_NL, FUND_FR, FUND_RU]
HIDDEN = [DRAFT, PRIVATE]

CASES = [
    # Stemming, in the language of the query and of the page.
    Case("organising", [FUND_EN], locale="en"),
    Case("reading", [FUND_EN], locale="en", absent=HIDDEN),
    Case("gedicht", [FUND_NL], locale="nl"),
    Case("voorlezing", [FUND_NL], locale="nl"),
    Case("lecture", [FUND_FR], locale="fr"),
    Case("poème", [FUND_FR], locale="fr"),
    Case("стихи", [FUND_RU], locale="ru"),
    Case("фонда", [FUND_RU], locale="ru"),
    # Stemming with no language: analysed in every language.
    Case("archief", [FUND_NL]),
    # One name, every script and spelling convention.
    *[
        Case(name, [*ALL_FUNDS, PUSHKIN_DAY], absent=HIDDEN)
        for name in ["Pushkin", "Poesjkin", "Pouchkine", "Puschkin", "Пушкин"]
    ],
    # Accents and case folded, both ways.
    Case("cooperation", [CHOIR, FUND_FR]),
    Case("COOPÉRATION", [CHOIR, FUND_FR]),
    # Several words: any of them (OR).
    Case("samovar balalaika", [SAMOVAR, BALALAIKA]),
    # Filters.
    Case("Pushkin", [PUSHKIN_DAY], types=["event"], absent=ALL_FUNDS),
    Case("Pushkin", ALL_FUNDS, types=["organisation"], absent=[PUSHKIN_DAY, *HIDDEN]),
    Case("Poesjkin", [FUND_NL], locale="nl", absent=[FUND_EN, FUND_FR, FUND_RU, PUSHKIN_DAY]),
    Case("Пушкин", [FUND_FR], locale="fr", absent=[FUND_EN, FUND_NL, FUND_RU]),
    # What a visitor may not see, even when it is all that matches.
    Case("programme", [], locale="en", absent=HIDDEN),
    Case("members", [], absent=HIDDEN),
]


def results(client, case):
    params = {"q": case.query, "page_size": 50}
    if case.locale:
        params["locale"] = case.locale
    if case.types:
        params["type"] = case.types
    body = client.get("/api/search/", params).json()
    return [(result["locale"], result["title"]) for result in body["results"]], body


@pytest.mark.parametrize("case", CASES, ids=str)
def test_same_answers_on_every_backend(client, parity_content, case):
    found, body = results(client, case)
    top = found[: max(TOP, len(case.expected))]
    missing = [page for page in case.expected if page not in top]
    assert not missing, f"{case}: {missing} not among the first results {top}"
    leaked = [page for page in case.absent if page in found]
    assert not leaked, f"{case}: {leaked} should not be found"
    assert body["count"] == len(found)
    if case.locale:
        assert {language for language, _title in found} <= {case.locale}
        assert set(body["facets"]["locale"]) <= {case.locale}
    if case.types:
        assert {result["type"] for result in body["results"]} <= set(case.types)


def test_facets_count_every_visible_match(client, parity_content):
    body = client.get("/api/search/", {"q": "Pushkin"}).json()
    assert body["facets"]["locale"] == {"en": 2, "nl": 1, "fr": 1, "ru": 1}
    assert body["facets"]["type"] == {"organisation": 4, "event": 1}
    assert body["count"] == 5


def test_suggestions_across_scripts(client, parity_content):
    # "Pus" and "Pous" stop inside a spelling convention (sh, sj, ch).
    for prefix in ["Pus", "Push", "Poesj", "Pous", "Pouch", "Пуш"]:
        titles = {
            (suggestion["locale"], suggestion["title"])
            for suggestion in client.get("/api/search/suggest/", {"q": prefix}).json()["suggestions"]
        }
        assert set(ALL_FUNDS) <= titles, prefix
        assert not titles & set(HIDDEN), prefix
