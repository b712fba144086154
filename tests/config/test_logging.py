"""One logger naming scheme: each module logs as ``__name__``; ``LOG_LEVEL`` sets every app's level.

The settings configure the project's top-level packages (config/logging.py),
so that a module's ``logging.getLogger(__name__)`` inherits its package's level
and handler. Each test that starts Django does it in a fresh interpreter with
only the environment it gives, as a deployed process would start.
"""

import ast
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from config.logging import PROJECT_ROOT, logging_config, project_packages

#: Logs one record at each level from a module-like logger of every project app.
LOG_FROM_EVERY_APP = """
import logging
from pathlib import Path
import django
django.setup()
from django.apps import apps
root = Path({root!r})
for app in apps.get_app_configs():
    if Path(app.path).resolve().parent == root:
        logger = logging.getLogger(app.name + ".probe")
        for level in ("DEBUG", "INFO", "WARNING"):
            logger.log(getattr(logging, level), level)
"""


def records_from_every_app(tmp_path, settings_module, log_level):
    """(logger, level) of each record the apps' loggers wrote to stderr, started with ``LOG_LEVEL``."""
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": settings_module,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "LOG_FORMAT": "json",
        "LOG_LEVEL": log_level,
    }
    result = subprocess.run(
        [sys.executable, "-c", LOG_FROM_EVERY_APP.format(root=str(PROJECT_ROOT))],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    return {(record["logger"], record["level"]) for record in records if record["logger"].endswith(".probe")}


def project_apps():
    """The installed apps that are top-level packages of the checkout (not installed libraries)."""
    from django.apps import apps

    return {app.name for app in apps.get_app_configs() if Path(app.path).resolve().parent == PROJECT_ROOT}


@pytest.mark.parametrize("settings_module", ["config.settings.production", "config.settings.dev"])
@pytest.mark.parametrize(
    ("log_level", "written"),
    [("DEBUG", {"DEBUG", "INFO", "WARNING"}), ("warning", {"WARNING"}), ("INFO", {"INFO", "WARNING"})],
)
def test_log_level_reaches_every_apps_loggers(tmp_path, settings_module, log_level, written):
    apps = project_apps()
    assert {"core", "search", "organisations", "localisation", "accounts", "forms"} <= apps
    records = records_from_every_app(tmp_path, settings_module, log_level)
    assert records == {(f"{app}.probe", level) for app in apps for level in written}


def test_every_project_app_is_a_configured_package():
    configured = logging_config("INFO")["loggers"]
    for app in project_apps():
        assert app in project_packages()
        assert configured[app] == {"handlers": ["stderr"], "level": "INFO", "propagate": False}
    assert "compatriots" not in configured


def logger_names_in(path):
    """What each ``logging.getLogger(...)`` call in the module at ``path`` is given, as source text."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "getLogger":
            yield ast.unparse(node.args[0]) if node.args else ""


def test_every_module_logs_under_its_own_name():
    modules = [
        path
        for package in project_packages()
        if package != "tests"
        for path in (PROJECT_ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    ]
    named = {str(path.relative_to(PROJECT_ROOT)): list(logger_names_in(path)) for path in modules}
    assert named["search/service/query_log.py"] == ["__name__"]
    assert {path: names for path, names in named.items() if any(name != "__name__" for name in names)} == {}
