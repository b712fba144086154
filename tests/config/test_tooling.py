"""The development tools' settings keep up with the project: exact pins, every app first-party."""

import re
import tomllib

from config.logging import PROJECT_ROOT, project_packages


def test_every_top_level_package_is_first_party_for_ruff():
    settings = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    first_party = settings["tool"]["ruff"]["lint"]["isort"]["known-first-party"]
    assert set(project_packages()) <= set(first_party)


def test_development_tools_are_pinned_to_exact_versions():
    lines = (PROJECT_ROOT / "requirements-test.txt").read_text(encoding="utf-8").splitlines()
    requirements = [line.split("#")[0].strip() for line in lines]
    pins = [line for line in requirements if line and not line.startswith("-r")]
    assert {re.split(r"[=<>~!\[]", pin)[0].lower() for pin in pins} >= {"ruff", "pytest", "pytest-django"}
    assert [pin for pin in pins if not re.fullmatch(r"[A-Za-z0-9._\[\],-]+==[0-9][0-9A-Za-z.]*", pin)] == []
