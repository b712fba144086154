"""Production: refuses to start without a secret key and a host list."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_list

DEBUG = False

try:
    SECRET_KEY = os.environ["SECRET_KEY"]
except KeyError as missing:
    raise ImproperlyConfigured("Set the SECRET_KEY environment variable to run in production.") from missing
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY is empty: set it to a long random string.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

# Persistent database connections, checked before each request reuses them:
# opening a PostgreSQL connection costs 5 to 10 ms on this project's machines,
# as much as a third of a search. Each worker process keeps its own connection.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "600"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")


def env_flag(name, default):
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    return value not in {"0", "off", "false", "no"}


# HTTPS: on unless HTTPS=off (a plain-HTTP run on one's own machine). Then
# requests are redirected to https, browsers are told to use it only (HSTS, a
# year, subdomains included, eligible for the browsers' preload list) and
# cookies travel over it only. Each can be set alone by its own variable.
HTTPS = env_flag("HTTPS", True)
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", HTTPS)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS and os.environ.get("INSECURE_COOKIES") != "1"
# Trusting X-Forwarded-Proto is safe only behind a proxy that sets it (and
# strips a client's own): without one, any client could claim https.
if env_flag("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The page cache for visitors (core/page_cache.py): PAGE_CACHE=off turns it off.
PAGE_CACHE = env_flag("PAGE_CACHE", True)

# Two-factor sign-in is compulsory for superusers and moderators unless REQUIRE_2FA=off.
REQUIRE_2FA = env_flag("REQUIRE_2FA", True)

# Error reports: every unhandled error is logged with its traceback on stderr
# (config/logging.py); ADMINS (base settings) also receive it by e-mail, sent
# through this server, and SENTRY_DSN sends it to Sentry.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", False)
SERVER_EMAIL = DEFAULT_FROM_EMAIL = os.environ.get("SERVER_EMAIL", "compatriots@localhost")
if os.environ.get("SENTRY_DSN"):
    import sentry_sdk

    sentry_sdk.init(
        dsn=os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        # Errors only unless asked: no performance traces, no personal data.
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        send_default_pii=False,
    )
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
