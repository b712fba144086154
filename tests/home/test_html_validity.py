"""Every page type in every language is valid HTML, by the W3C Nu HTML checker.

The checker is the ``vnu-jar`` npm package (``npm ci`` at the repository's root;
scripts/test installs it) and needs Java 11 or newer: without either the test is
skipped with the reason. All pages are checked by one run of the checker, since
starting Java is the slow part.
"""

import json
import shutil
import subprocess
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings

from tests.helpers.page_types import build_every_page_type

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = pytest.mark.django_db


def nu_checker():
    java = shutil.which("java")
    if java is None:
        pytest.skip("Java is not installed: the Nu HTML checker (vnu.jar) needs Java 11 or newer")
    if not VNU_JAR.exists():
        pytest.skip(f"The Nu HTML checker is not installed at {VNU_JAR}: run `npm ci` at the repository's root")
    return [java, "-Xss8m", "-jar", str(VNU_JAR)]


def nu_errors(command, documents, folder):
    """The checker's errors as {label: [message, ...]} for {label: html}."""
    paths = {}
    for number, (label, html) in enumerate(documents.items()):
        path = folder / f"page-{number}.html"
        path.write_text(html, encoding="utf-8")
        paths[str(path.resolve())] = label
    result = subprocess.run(
        [*command, "--errors-only", "--format", "json", *paths],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = json.loads(result.stderr or '{"messages": []}')
    errors = {}
    for message in report["messages"]:
        label = paths.get(message.get("url", "").removeprefix("file:"), message.get("url"))
        extract = message.get("extract", "").strip()
        errors.setdefault(label, []).append(f"{message['message']} [{extract}]")
    return errors


def test_every_page_type_in_every_language_is_valid_html(client, home_page, sections, tmp_path):
    command = nu_checker()
    urls = build_every_page_type(home_page, sections)
    documents = {}
    for label, url in urls.items():
        response = client.get(url)
        expected = HTTPStatus.NOT_FOUND if label.startswith("not ") else HTTPStatus.OK
        assert response.status_code == expected, (label, url, response.status_code)
        documents[f"{label} ({url})"] = response.content.decode()
    # Every page type of the site, in each language, is among them.
    page_types = {label.rsplit(" ", 1)[0] for label in urls}
    assert {"HomePage", "StandardPage", "OrganisationIndexPage", "OrganisationPage", "EventIndexPage"} <= page_types
    assert {"EventPage", "HeritageIndexPage", "HeritageProjectPage", "JubileeIndexPage", "JubileePage"} <= page_types
    assert {"CooperationIndexPage", "CooperationProtocolPage", "CollectionPage", "event month", "search"} <= page_types

    errors = nu_errors(command, documents, tmp_path)
    assert not errors, "\n".join(f"{label}: {message}" for label, messages in errors.items() for message in messages)
