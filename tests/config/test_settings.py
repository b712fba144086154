"""Production settings: configured by the environment, refusing to start without a secret key."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]


def production_settings(**environment):
    """The production settings' database options, read in a fresh interpreter
    with only ``environment`` (and the path) set; or the error it fails with."""
    script = (
        "import json; from django.conf import settings; "
        "database = settings.DATABASES['default']; "
        "print(json.dumps({name: database[name] for name in ('CONN_MAX_AGE', 'CONN_HEALTH_CHECKS')}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT,
        env={"PATH": os.environ.get("PATH", ""), "DJANGO_SETTINGS_MODULE": "config.settings.production", **environment},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        return result.stderr.strip().splitlines()[-1]
    return json.loads(result.stdout)


@pytest.mark.parametrize("environment", [{}, {"SECRET_KEY": ""}])
def test_production_refuses_to_start_without_a_secret_key(environment):
    assert "ImproperlyConfigured" in production_settings(**environment)


def test_production_keeps_database_connections_and_checks_them():
    assert production_settings(SECRET_KEY="s") == {"CONN_MAX_AGE": 600, "CONN_HEALTH_CHECKS": True}
    assert production_settings(SECRET_KEY="s", DATABASE_CONN_MAX_AGE="0")["CONN_MAX_AGE"] == 0
