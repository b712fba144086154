"""The ``browser_page`` fixture: Playwright with Debian's Chromium against pytest-django's live server.

Registered in tests/conftest.py, so that any app's tests may drive a browser;
a test that uses the fixture is marked ``browser`` (``-m "not browser"`` leaves it out).

Browser tests need /usr/bin/chromium (Debian's package ``chromium``); without it
they are skipped with a reason, visibly, rather than failing or downloading a
browser. Each test fails if a page it opens violates the
Content-Security-Policy. Playwright's sync API runs an event loop in the test's thread, which
Django's async-safety guard would take for async code touching the database:
the guard is lifted for these tests only.

That running loop also changes where Django looks up the thread's database
connections (asgiref's thread-critical ``Local`` keeps them per async context
while a loop runs in the thread): the fixture hands the thread's own
connections to that context, so that the test and its fixtures use the
connection pytest-django manages and closes, rather than opening one that
nothing closes. On PostgreSQL the plugin checks at the end of the run, before
the test database is dropped, that no other connection to it remains
(:func:`assert_no_connection_left_open`, for every test of the run): a
connection left open keeps the database from being dropped.
"""

import os
import shutil
from contextlib import contextmanager

import pytest
from django.db import connections

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


#: The other sessions connected to this database, with what they last ran.
OTHER_CONNECTIONS = """
SELECT pid, application_name, state, backend_start, left(query, 200)
FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
"""


def connections_left_open():
    """The other sessions connected to the test database (PostgreSQL; elsewhere none are counted)."""
    connection = connections["default"]
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(OTHER_CONNECTIONS)
        return cursor.fetchall()


def assert_no_connection_left_open(django_db_blocker):
    with django_db_blocker.unblock():
        left_open = connections_left_open()
    assert not left_open, (
        "Connections to the test database are still open at the end of the run, so it cannot be dropped "
        f"(pid, application, state, since, last query): {left_open}"
    )


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef, request):
    """Once pytest-django has set up the test database, a check that runs before it is
    dropped (finalisers run last registered first), after every test and the live
    server have finished: a connection still open fails the last test's teardown."""
    result = yield
    if fixturedef.argname == "django_db_setup":
        blocker = request.getfixturevalue("django_db_blocker")
        fixturedef.addfinalizer(lambda: assert_no_connection_left_open(blocker))
    return result


@contextmanager
def shared_with_running_loop(threads_connections):
    """The thread's database connections, also while Playwright's event loop is marked running
    in it; removed again (not closed: they are the thread's) before the loop stops."""
    for alias, connection in threads_connections.items():
        connections[alias] = connection
    try:
        yield
    finally:
        for alias in threads_connections:
            del connections[alias]


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
    threads_connections = {alias: connections[alias] for alias in connections}
    with sync_api.sync_playwright() as playwright, shared_with_running_loop(threads_connections):
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
