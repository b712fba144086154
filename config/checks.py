"""Start-up checks of a production process (run by config/wsgi.py)."""

from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.exceptions import ImproperlyConfigured


def check_static_manifest():
    """Refuse to start when the static files' manifest is missing.

    With the manifest storage of production, each ``{% static %}`` looks its
    file up in the manifest that ``collectstatic`` writes: without it, every
    HTML page would answer 500. One clear message at start is better.
    """
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return
    if staticfiles_storage.exists(staticfiles_storage.manifest_name):
        return
    raise ImproperlyConfigured(
        f"The static files' manifest {staticfiles_storage.path(staticfiles_storage.manifest_name)} is missing: "
        "run `manage.py collectstatic --noinput` before starting the site (scripts/serve does)."
    )
