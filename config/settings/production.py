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
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = os.environ.get("INSECURE_COOKIES") != "1"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
