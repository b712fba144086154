"""Local development: debug on, a fixed throwaway key, any local host."""

import os

from config.logging import logging_config

from .base import *  # noqa: F403
from .base import LOG_LEVEL, env_list

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Plain lines in a developer's terminal; LOG_FORMAT=json shows what production writes.
LOGGING = logging_config(LOG_LEVEL, os.environ.get("LOG_FORMAT", "text"))
