"""What a newcomer reads and runs first holds: the README's variables are the settings' names, the documents
it and the code cite exist, no internal history or paths outside the repository, a clean check run."""

import os
import re
import subprocess
import sys
import warnings

from django.conf import settings
from django.test import override_settings
from wagtail.users.utils import get_gravatar_url

from config.logging import PROJECT_ROOT, project_packages

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
#: Words of the project's own making history, not of the product: they mean nothing to a newcomer.
INTERNAL = re.compile(r"\bsession \d|\.\./shared|design card|\bseed [0-9a-f]{8}\b", re.IGNORECASE)


def project_text_files():
    folders = [PROJECT_ROOT / package for package in project_packages()] + [
        PROJECT_ROOT / folder for folder in ("templates", "static", "scripts", "docs", "bench", "tests", "deploy")
    ]
    for folder in folders:
        for path in folder.rglob("*"):
            text = path.suffix in {".py", ".html", ".md", ".js", ".css", ".sh", ".vcl", ""}
            if text and path.is_file() and "__pycache__" not in path.parts and path.stat().st_size < 1_000_000:
                yield path
    yield PROJECT_ROOT / "README.md"


def test_the_configuration_tables_variables_are_the_ones_the_code_reads():
    variables = set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)`", README, flags=re.M))
    assert "ELASTICSEARCH_INDEX_PREFIX" in variables
    code = "\n".join(
        path.read_text(encoding="utf-8", errors="replace")
        for folder in ("config", "scripts", "core", "search")
        for path in (PROJECT_ROOT / folder).rglob("*")
        if path.is_file() and path.suffix in {".py", ""} and "__pycache__" not in path.parts
    )
    unread = sorted(name for name in variables if f'"{name}"' not in code and f"${{{name}" not in code)
    assert unread == [], f"The README documents variables nothing reads: {unread}"


def test_no_internal_history_or_outside_paths_in_the_readme_or_the_code():
    found = []
    for path in project_text_files():
        if path == PROJECT_ROOT / "tests" / "config" / "test_newcomers.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if INTERNAL.search(line):
                found.append(f"{path.relative_to(PROJECT_ROOT)}:{number}: {line.strip()[:120]}")
    assert found == []


def test_the_documents_the_readme_and_the_code_cite_exist():
    cited = set()
    for path in project_text_files():
        cited.update(re.findall(r"\bdocs/[\w./-]+\.md\b", path.read_text(encoding="utf-8", errors="replace")))
    missing = sorted(document for document in cited if not (PROJECT_ROOT / document).is_file())
    assert missing == []


def test_the_readme_tells_how_long_the_demo_takes_what_it_needs_and_how_to_stop_and_start_over():
    first_run = README[README.index("## Two commands") : README.index("## Settings")]
    for words in ("How long", "What it needs", "PyPI", "DEMO_ADDRESS", "Ctrl-C", "Starting over", "db.sqlite3"):
        assert words in first_run
    # The admin's report, under the name the admin gives it.
    assert "Reports → Translation status" in README


def test_gravatar_is_off():
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert get_gravatar_url("someone@example.org") is None


def test_static_files_raise_no_missing_folder_warning():
    from whitenoise.middleware import WhiteNoiseMiddleware

    with warnings.catch_warnings(record=True) as caught, override_settings(DEBUG=False):
        warnings.simplefilter("always")
        WhiteNoiseMiddleware(lambda request: None)
    assert [str(warning.message) for warning in caught if "No directory at" in str(warning.message)] == []


def test_makemigrations_check_is_clean_without_the_database():
    """As scripts/test runs it: migrations match the models, and no warning about a database not created yet."""
    environment = {**os.environ, "DATABASE_URL": "sqlite://:memory:", "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning" not in result.stderr.lower(), result.stderr
    assert "makemigrations --check" in (PROJECT_ROOT / "scripts" / "test").read_text(encoding="utf-8")
    assert 'DATABASE_URL="sqlite://:memory:"' in (PROJECT_ROOT / "scripts" / "test").read_text(encoding="utf-8")
