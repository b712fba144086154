"""Test runs: fast hashing, files in a temporary folder, no network."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105  signs only test sessions, never a deployed site
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="compatriots-test-media-")
# An existing (empty) folder: WhiteNoise warns once per request handler about a missing one,
# and tests serve static files from the apps' folders (finders), not from collectstatic's output.
STATIC_ROOT = tempfile.mkdtemp(prefix="compatriots-test-static-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Never reach a translation service from tests, whatever the environment says.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tasks run at once, in the test's own transaction; tests of the queue itself
# switch to the database backend (tests/search/test_task_queue.py).
TASKS = {"default": {"BACKEND": "search.task_backend.BatchingImmediateBackend", "QUEUES": TASK_QUEUES}}  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
