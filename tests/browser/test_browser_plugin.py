"""The browser fixture's tests keep using their thread's database connection while Playwright runs.

Playwright's sync API marks its event loop as running in the test's thread
between calls; Django's connection handler (asgiref's thread-critical
``Local``) then looks connections up per async context, and a test would open
a second connection that nothing closes: on PostgreSQL the test database could
not be dropped at the end of the run. The loop is run here without a browser.
"""

import asyncio

import pytest
from django.db import connections

from tests.plugins.browser import shared_with_running_loop


def connection_seen_with_a_running_loop(threads_connections=None):
    async def look_up():
        if threads_connections is None:
            return connections["default"]
        with shared_with_running_loop(threads_connections):
            return connections["default"]

    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(look_up())
    finally:
        loop.close()


def test_a_running_event_loop_alone_would_give_the_thread_another_connection():
    assert connection_seen_with_a_running_loop() is not connections["default"]


@pytest.mark.django_db
def test_the_fixture_gives_the_threads_connection_while_the_loop_runs():
    threads_connection = connections["default"]
    seen = connection_seen_with_a_running_loop({"default": threads_connection})
    assert seen is threads_connection
    assert connections["default"] is threads_connection
