"""The ``browser_page`` fixture: Playwright with Debian's Chromium against pytest-django's live server.

Registered in tests/conftest.py, so that any app's tests may drive a browser;
a test that uses the fixture is marked ``browser`` (``-m "not browser"`` leaves it out).

Browser tests need /usr/bin/chromium (Debian's package ``chromium``); without it
they are skipped with a reason, visibly, rather than failing or downloading a
browser. Each test fails if a page it opens violates the
Content-Security-Policy. Playwright's sync API runs an event loop in the test's thread, which
Django's async-safety guard would take for async code touching the database:
the guard is lifted for these tests only.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

#: Every page the tests open reports each Content-Security-Policy violation
#: (the live server sends the site's policy, config/csp.py) to the test, which
#: fails if there was any: a page that works only because the policy is not
#: enforced would break in production.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.reportCSPViolation({
        page: document.location.href,
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: event.sourceFile + ":" + event.lineNumber,
        sample: event.sample,
    });
});
"""


def pytest_collection_modifyitems(items):
    for item in items:
        if "browser_page" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def browser_page(live_server, monkeypatch):
    """A fresh Chromium tab whose ``base_url`` is the live server's.

    Playwright is started and stopped around each test: its event loop stays
    registered as running in this thread while it lives, and other tests must
    keep Django's async-safety guard.
    """
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.skip(f"Chromium not found at {CHROMIUM}: install Debian's chromium package to run browser tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=live_server.url, locale="en-GB")
        context.set_default_timeout(15_000)
        violations = []
        context.expose_binding("reportCSPViolation", lambda source, violation: violations.append(violation))
        context.add_init_script(REPORT_CSP_VIOLATIONS)
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                violations.append({"console": message.text}) if "Content Security Policy" in message.text else None
            ),
        )
        yield page
        context.close()
        browser.close()
    assert not violations, f"The Content-Security-Policy was violated: {violations}"
