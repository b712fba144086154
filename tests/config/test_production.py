"""Production as deployed: errors logged, ``check --deploy`` clean, no start without static files.

Each test runs a fresh interpreter with the production settings and only the
environment it gives, as a production process would start.
"""

import base64
import gzip
import hashlib
import http.server
import json
import os
import re
import secrets
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.views.defaults import server_error

PROJECT = Path(__file__).resolve().parents[2]


def production_environment(tmp_path, **overrides):
    """The documented production environment: a long random key, the host, HTTPS."""
    return {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "compatriots.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        **overrides,
    }


def run(arguments, environment):
    return subprocess.run(
        [sys.executable, *arguments], cwd=PROJECT, env=environment, capture_output=True, text=True, check=False
    )


RAISING_REQUEST = """
import sys, types
import django
django.setup()
from django.test import Client, override_settings
from django.urls import path

def fails(request):
    raise ZeroDivisionError("the view failed")

urls = types.ModuleType("failing_urls")
urls.urlpatterns = [path("fails/", fails)]
sys.modules["failing_urls"] = urls
with override_settings(ROOT_URLCONF="failing_urls"):
    response = Client(raise_request_exception=False).get("/fails/?page=2", HTTP_HOST="compatriots.example", secure=True)
print(response.status_code)
print(response.content.decode())
"""


def test_an_unhandled_error_is_logged_on_stderr_as_json_with_its_traceback(tmp_path):
    result = run(["-c", RAISING_REQUEST], production_environment(tmp_path))

    assert result.stdout.splitlines()[0] == "500"
    assert "has been logged" in result.stdout
    records = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    errors = [record for record in records if record["logger"] == "django.request"]
    assert len(errors) == 1, result.stderr
    error = errors[0]
    assert error["level"] == "ERROR"
    assert (error["method"], error["path"], error["status"]) == ("GET", "/fails/?page=2", 500)
    assert error["exception"]["type"] == "ZeroDivisionError"
    assert error["exception"]["message"] == "the view failed"
    assert error["exception"]["traceback"].startswith("Traceback (most recent call last):")
    assert 'File "<string>", line 9, in fails' in error["exception"]["traceback"]


def test_errors_are_mailed_to_the_admins_when_they_are_set(tmp_path):
    script = (
        RAISING_REQUEST.replace(
            'with override_settings(ROOT_URLCONF="failing_urls"):',
            "from django.core import mail\n"
            'with override_settings(ROOT_URLCONF="failing_urls", '
            'EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):',
        )
        + "print([message.to for message in mail.outbox])\n"
    )
    environment = production_environment(tmp_path, ADMINS="Olga Admin <olga@compatriots.example>, ops@example.org")

    result = run(["-c", script], environment)

    assert result.stdout.splitlines()[-1] == "[['olga@compatriots.example', 'ops@example.org']]"


class SentryIntake(http.server.BaseHTTPRequestHandler):
    """Stands in for Sentry: keeps the body of each envelope posted to it."""

    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        self.received.append(body.decode("utf-8", "replace"))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def sentry_intake():
    SentryIntake.received = []
    server = http.server.HTTPServer(("127.0.0.1", 0), SentryIntake)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://public@127.0.0.1:{server.server_port}/1", SentryIntake.received
    server.shutdown()


def test_errors_go_to_sentry_only_when_a_dsn_is_set(tmp_path, sentry_intake):
    dsn, received = sentry_intake
    script = RAISING_REQUEST + "import sentry_sdk; print(sentry_sdk.get_client().is_active()); sentry_sdk.flush()\n"

    without = run(["-c", script], production_environment(tmp_path))
    assert without.stdout.splitlines()[-1] == "False"
    assert received == []

    with_dsn = run(["-c", script], production_environment(tmp_path, SENTRY_DSN=dsn))
    assert with_dsn.stdout.splitlines()[-1] == "True", with_dsn.stderr
    assert any("ZeroDivisionError" in envelope and "the view failed" in envelope for envelope in received)


def test_check_deploy_is_clean_with_the_documented_environment(tmp_path):
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_environment(tmp_path))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def settings_of(tmp_path, names, **environment):
    script = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name, None) for name in {names!r}}}))"
    )
    result = run(["-c", script], production_environment(tmp_path, **environment))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


HTTPS_SETTINGS = ["SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE", "SECURE_PROXY_SSL_HEADER"]


def test_https_is_required_by_default_and_a_proxy_is_trusted_only_when_declared(tmp_path):
    assert settings_of(tmp_path, HTTPS_SETTINGS) == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SESSION_COOKIE_SECURE": True,
        "SECURE_PROXY_SSL_HEADER": None,
    }
    behind_proxy = settings_of(tmp_path, HTTPS_SETTINGS, BEHIND_TLS_PROXY="1")
    assert behind_proxy["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_a_plain_http_run_turns_the_https_settings_off(tmp_path):
    assert settings_of(tmp_path, HTTPS_SETTINGS, HTTPS="off") == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "SESSION_COOKIE_SECURE": False,
        "SECURE_PROXY_SSL_HEADER": None,
    }
    assert settings_of(tmp_path, HTTPS_SETTINGS, SECURE_HSTS_SECONDS="300")["SECURE_HSTS_SECONDS"] == 300


@pytest.mark.parametrize("manifest", [False, True])
def test_the_site_refuses_to_start_without_the_static_manifest(tmp_path, manifest):
    static_root = tmp_path / "static"
    static_root.mkdir()
    if manifest:
        (static_root / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')

    result = run(["-c", "import config.wsgi; print('started')"], production_environment(tmp_path))

    if manifest:
        assert result.stdout.strip() == "started", result.stderr
    else:
        assert result.returncode != 0
        assert "staticfiles.json is missing: run `manage.py collectstatic --noinput`" in result.stderr


def test_the_error_page_styles_are_allowed_by_the_content_security_policy(rf):
    html = server_error(rf.get("/")).content.decode()

    styles = re.findall(r"<style>(.*?)</style>", html, re.DOTALL)
    assert styles
    allowed = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"]
    for style in styles:
        digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed
