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
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = os.environ.get("INSECURE_COOKIES") != "1"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
