"""System checks of the search configuration."""

from django.conf import settings
from django.core import checks

ELASTICSEARCH_BACKEND_PREFIX = "search.backends.elasticsearch"


@checks.register(checks.Tags.compatibility)
def check_elasticsearch_client_version(app_configs, **kwargs):
    """The Python client must match the server's major version.

    A 9.x client asks for version-9 compatible answers, which an 8.x server
    refuses, and an 8.x client cannot talk to a 9.x server: each of our
    Elasticsearch backends needs its own major version of the client.
    """
    from elasticsearch import VERSION as CLIENT_VERSION

    warnings = []
    for name, config in getattr(settings, "WAGTAILSEARCH_BACKENDS", {}).items():
        backend = config.get("BACKEND", "")
        if not backend.startswith(ELASTICSEARCH_BACKEND_PREFIX):
            continue
        server_major = backend.removeprefix(ELASTICSEARCH_BACKEND_PREFIX).split(".")[0]
        if server_major.isdigit() and int(server_major) != CLIENT_VERSION[0]:
            warnings.append(
                checks.Warning(
                    f"Search backend {name!r} is for Elasticsearch {server_major} but the installed Python "
                    f"client is {CLIENT_VERSION[0]}.x.",
                    hint=f"Install elasticsearch>={server_major},<{int(server_major) + 1}.",
                    id="search.W001",
                )
            )
    return warnings
