"""Varnish in front of the site, with the shipped VCL (deploy/varnish/default.vcl).

Needs ``varnishd`` (Debian's package ``varnish``; .ci/run installs it):
without it these tests are skipped with the reason. Varnish is started on a
free port in front of pytest-django's live server, and the site purges it
through ``wagtail.contrib.frontend_cache``, as in production.
"""

import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from django.test import Client

from tests import factories

VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "default.vcl"
VARNISHD = shutil.which("varnishd") or ("/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None)

pytestmark = [
    pytest.mark.varnish,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(VARNISHD is None, reason="varnishd not found: install Debian's varnish package"),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def varnish(live_server, settings):
    """The address of a Varnish in front of the live server, purged by the site."""
    backend_port = live_server.url.rsplit(":", 1)[1]
    # varnishd reads its VCL as its own unprivileged user: not from pytest's private folder.
    folder = Path(tempfile.mkdtemp(prefix="compatriots-varnish-"))
    folder.chmod(0o755)
    vcl = folder / "site.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8001";', f'.port = "{backend_port}";'))
    port = free_port()
    workdir = folder / "work"
    process = subprocess.Popen(
        [VARNISHD, "-F", "-n", str(workdir), "-a", f"127.0.0.1:{port}", "-f", str(vcl), "-s", "malloc,32m"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"varnishd did not start: {process.stdout.read().decode(errors='replace')}")
            time.sleep(0.1)
    settings.PAGE_CACHE = True
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": url}
    }
    yield url
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(folder, ignore_errors=True)


def fetch(url, cookie=None):
    # Only http://127.0.0.1 addresses of the Varnish and site servers this module starts.
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.headers, response.read().decode()


@pytest.fixture
def organisation(sections):
    return factories.OrganisationPageFactory(parent=sections["organisations"], title="Union of Compatriots")


def test_a_second_request_is_a_hit_and_a_publish_purges_it(varnish, organisation):
    url = varnish + organisation.url
    first_headers, _ = fetch(url)
    assert first_headers["X-Cache"] == "miss"
    second_headers, body = fetch(url)
    assert second_headers["X-Cache"] == "hit"
    assert "Union of Compatriots" in body

    organisation.title = "Union of Compatriots, renamed"
    published_at = time.monotonic()
    organisation.save_revision().publish()

    headers, body = fetch(url)
    assert time.monotonic() - published_at < 1
    assert headers["X-Cache"] == "miss"
    assert "Union of Compatriots, renamed" in body


def test_publishing_a_page_purges_the_index_that_lists_it(varnish, sections, organisation):
    url = varnish + sections["organisations"].url
    fetch(url)
    assert fetch(url)[0]["X-Cache"] == "hit"
    factories.OrganisationPageFactory(parent=sections["organisations"], title="Brand New Foundation")
    headers, body = fetch(url)
    assert headers["X-Cache"] == "miss"
    assert "Brand New Foundation" in body


def test_a_signed_in_editor_never_gets_a_kept_page(varnish, organisation):
    url = varnish + organisation.url
    fetch(url)
    assert fetch(url)[0]["X-Cache"] == "hit"

    editor = factories.UserFactory(is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(editor)
    session = client.cookies["sessionid"].value
    for _ in range(2):
        headers, body = fetch(url, cookie=f"_ga=GA1.2.3; sessionid={session}")
        assert headers["X-Cache"] == "miss"
        assert "X-Page-Cache" not in headers
        assert "private" in headers["Cache-Control"]
        assert "wagtail-userbar" in body  # the editor's own page, with the editing bar
    # and the visitors' copy was not replaced by the editor's
    headers, body = fetch(url)
    assert headers["X-Cache"] == "hit"
    assert "wagtail-userbar" not in body


def test_search_results_are_never_kept(varnish, home_page):
    fetch(varnish + "/en/search/?q=union")
    assert fetch(varnish + "/en/search/?q=union")[0]["X-Cache"] == "miss"
