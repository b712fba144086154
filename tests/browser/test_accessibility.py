"""axe-core finds no violation on any page type in any language, at a phone's and a desktop's width.

Each page is opened once and checked at 1280, 390 and 320 CSS pixels (the
layout reflows without a reload): axe-core (WCAG 2.2 A and AA, and its best
practices), no sideways scrolling at 320 px (WCAG 1.4.10, Reflow), and a header
whose keyboard order is its visual order. axe-core is the npm package
(``npm ci`` at the repository's root; scripts/test installs it); without it the
test is skipped with the reason. It is evaluated through the DevTools protocol,
which the page's Content-Security-Policy does not govern, so the policy stays
as strict as in production (conftest.py fails the test on any violation).
"""

from pathlib import Path

import pytest
from django.conf import settings

from tests.helpers.page_types import build_every_page_type

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
WIDTHS = (1280, 390, 320)
HEIGHT = 800

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

RUN_AXE = """async (tags) => {
    const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
    return results.violations.map((violation) => ({
        id: violation.id,
        help: violation.help,
        nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(" ") + " :: " + node.failureSummary),
    }));
}"""

#: The header's links and fields, in the order the keyboard reaches them, with where they are drawn.
HEADER_FOCUS_ORDER = """() => Array.from(
    document.querySelectorAll(".site-header a[href], .site-header input, .site-header button")
).filter((element) => element.offsetParent !== null).map((element) => {
    const box = element.getBoundingClientRect();
    return {name: element.textContent.trim() || element.name, top: Math.round(box.top), left: Math.round(box.left)};
})"""


def axe_source():
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed at {AXE}: run `npm ci` at the repository's root")
    return AXE.read_text(encoding="utf-8")


def reading_order(elements):
    """``elements`` as a reader sees them: row by row (a row is a band of similar tops), left to right."""
    rows = []
    for element in sorted(elements, key=lambda element: element["top"]):
        if rows and element["top"] - rows[-1][0]["top"] < 20:
            rows[-1].append(element)
        else:
            rows.append([element])
    return [element["name"] for row in rows for element in sorted(row, key=lambda element: element["left"])]


def test_every_page_type_in_every_language_passes_axe_and_reflows_at_320_px(browser_page, home_page, sections):
    source = axe_source()
    urls = build_every_page_type(home_page, sections)
    page = browser_page
    problems = []
    for label, url in urls.items():
        page.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})
        page.goto(url)
        page.evaluate(source)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": HEIGHT})
            for violation in page.evaluate(RUN_AXE, AXE_TAGS):
                problems.append(f"{label} at {width}px: {violation['id']} ({violation['help']}) {violation['nodes']}")
            if width == 320:
                scroll_width = page.evaluate("document.documentElement.scrollWidth")
                if scroll_width > 320:
                    problems.append(f"{label} at 320px: the page is {scroll_width}px wide (it scrolls sideways)")
            if width == 390:
                header = page.evaluate(HEADER_FOCUS_ORDER)
                if [element["name"] for element in header] != reading_order(header):
                    problems.append(
                        f"{label} at 390px: the header's focus order differs from its visual order {header}"
                    )
    assert not problems, "\n".join(problems)
