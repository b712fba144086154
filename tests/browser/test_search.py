"""A visitor searches: suggestions as they type, results, filters, highlights, languages."""

import re

import pytest

from localisation.translation import translate_page
from tests import factories
from tests.helpers import reindex

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def search_content(home_page, sections):
    """An organisation about Pushkin in English, Dutch and Russian, and an English event."""
    fund = factories.OrganisationPageFactory(
        parent=sections["organisations"],
        title="International Pushkin Fund",
        slug="international-pushkin-fund",
        summary="The fund organises readings of Pushkin's poetry.",
    )
    translate_page(
        fund,
        "nl",
        {
            "title": "Internationaal Poesjkin Fonds",
            "slug": "internationaal-poesjkin-fonds",
            "summary": "Het fonds organiseert voorlezingen van de gedichten van Poesjkin.",
        },
    )
    translate_page(
        fund,
        "ru",
        {"title": "Международный фонд Пушкина", "slug": "fond-pushkina", "summary": "Фонд читает стихи Пушкина."},
    )
    factories.EventPageFactory(
        parent=sections["events"], title="Pushkin Day in Brussels", summary="The poet's birthday, with readings."
    )
    reindex()


def result_languages(page):
    return set(page.locator(".search-result").evaluate_all("items => items.map(item => item.lang)"))


def test_suggest_search_filter_highlight_and_switch_language(browser_page, search_content):
    from playwright.sync_api import expect

    page = browser_page
    page.goto("/en/search/")

    # A few letters bring suggestions, in every script and spelling.
    box = page.get_by_role("main").get_by_role("combobox", name="Search the site")
    box.press_sequentially("Push")
    suggestions = page.get_by_role("listbox", name="Suggestions")
    expect(suggestions).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(suggestions.get_by_role("option", name="International Pushkin Fund")).to_be_visible()
    expect(suggestions.get_by_role("option", name="Международный фонд Пушкина")).to_be_visible()

    # The highlighted option is in sight, and the arrow keys move it.
    box.press("ArrowDown")
    highlighted = suggestions.locator('[aria-selected="true"]')
    expect(highlighted).to_be_visible()
    expect(box).to_have_attribute("aria-activedescendant", re.compile(r"^search-suggestions-0$"))

    # The search itself: one result per page, in English, with its other languages.
    box.fill("Pushkin")
    box.press("Escape")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/en/search/\?q=Pushkin$"))
    expect(page.get_by_role("status")).to_have_text("2 results for “Pushkin”")
    assert result_languages(page) == {"en"}
    also_in = page.locator(".search-result__translations").first
    expect(also_in.get_by_role("link", name="Nederlands")).to_be_visible()
    expect(also_in.get_by_role("link", name="Русский")).to_be_visible()

    # The matching words are highlighted in the snippets.
    marks = page.locator(".search-result .snippet mark")
    expect(marks.first).to_be_visible()
    assert {text.lower() for text in marks.all_inner_texts()} >= {"pushkin"}

    # Filter by type.
    filters = page.get_by_role("navigation", name="Filter the results")
    filters.get_by_role("link", name=re.compile(r"^Event\b")).click()
    page.wait_for_url(re.compile(r"type=event"))
    expect(page.get_by_role("status")).to_have_text("1 result for “Pushkin”")
    expect(page.locator(".search-result h2")).to_have_text(["Pushkin Day in Brussels"])
    filters.get_by_role("link", name="All types").click()
    expect(page.get_by_role("status")).to_have_text("2 results for “Pushkin”")

    # The language switcher keeps the search and shows the page in Dutch.
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Nederlands").click()
    page.wait_for_url(re.compile(r"/nl/search/\?q=Pushkin$"))
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("main").get_by_role("combobox")).to_have_value("Pushkin")

    # Choosing the Dutch results: only pages in Dutch, highlighted.
    page.locator(".filters a[lang='nl']").click()
    page.wait_for_url(re.compile(r"locale=nl"))
    expect(page.locator(".search-result h2")).to_have_text(["Internationaal Poesjkin Fonds"])
    assert result_languages(page) == {"nl"}
    expect(page.locator(".search-result .snippet mark").first).to_have_text(re.compile("Poesjkin", re.IGNORECASE))

    # Suggestions follow the chosen language too.
    box = page.get_by_role("main").get_by_role("combobox")
    box.fill("")
    box.press_sequentially("Poesj")
    options = page.get_by_role("listbox").get_by_role("option")
    expect(options).to_have_text(["Internationaal Poesjkin Fonds"])


def test_the_header_and_home_page_searches_suggest_too(browser_page, search_content):
    from playwright.sync_api import expect

    page = browser_page
    # The header's box, on a Dutch page: titles in Dutch come first.
    page.goto("/nl/search/")
    box = page.locator("#header-search-q")
    box.press_sequentially("Pus")
    options = page.locator("#header-search-suggestions [role='option']")
    expect(options.first).to_have_text("Internationaal Poesjkin Fonds")
    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/nl/.*internationaal-poesjkin-fonds/$"))

    # The home page's box.
    page.goto("/en/")
    box = page.locator("#home-search-q")
    box.press_sequentially("Pus")
    expect(page.locator("#home-search-suggestions [role='option']").first).to_be_visible()
