"""Where one request of each page type spends its time: queries, Python calls, and the share of each part.

Serves one request per page type in the process (Django's test client,
production settings, DEBUG off, the page cache off) on a site built before
(for example ``manage.py load_demo`` into a throwaway SQLite file), under
cProfile, and prints per page:

- the queries and the Python function calls, cold (every cache cleared) and
  warm (the content cache kept, as between two visits in production): both
  counts do not depend on the machine's load, unlike the milliseconds;
- where the cold request's time goes, as shares of its total: SQL, template
  rendering, image renditions, URL routing, the project's own code.

    DATABASE_URL=sqlite:////tmp/perf.sqlite3 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:////tmp/perf.sqlite3 .venv/bin/python manage.py load_demo
    .venv/bin/python bench/profile_pages.py /tmp/perf.sqlite3            # every page type
    .venv/bin/python bench/profile_pages.py /tmp/perf.sqlite3 --top 25 /en/events/   # one page, its top functions
"""

import argparse
import cProfile
import pstats
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scale_bench import django_setup  # noqa: E402

#: Fixed routes of the demo site; one page of each page model is added to them.
ROUTES = [
    "/en/events/month/",
    "/en/events/ical/",
    "/en/events/feed/rss/",
    "/en/events/feed/atom/",
    "/en/organisations/?city=Brussels",
    "/sitemap.xml",
    "/sitemap-pages.xml",
    "/en/search/?q=union",
]

#: Where a function's own time is counted, first match wins (by file path, then by name).
PARTS = [
    ("SQL", lambda path, name: "sqlite3.Cursor" in name or "SQLiteCursorWrapper" in name or "/psycopg/" in path),
    ("database layer (ORM)", lambda path, name: "/django/db/" in path or "/modelcluster/" in path),
    ("templates", lambda path, name: "/django/template/" in path or "/templatetags/" in path),
    ("images and renditions", lambda path, name: "/wagtail/images/" in path or "/willow/" in path),
    ("Wagtail (routing, pages)", lambda path, name: "/wagtail/" in path),
    ("Django (other)", lambda path, name: "/django/" in path),
    ("the project's code", lambda path, name: str(ROOT) in path and "/.venv/" not in path),
]


def page_of_each_type():
    """The first live page (in tree order) of every page model, English first."""
    from wagtail.models import Page

    seen = {}
    for page in Page.objects.live().filter(depth__gt=1).order_by("-locale__language_code", "path").specific():
        model = type(page).__name__
        if model not in seen and page.locale.language_code == "en":
            seen[model] = page.url
    return seen


def parts_of(profile):
    stats = pstats.Stats(profile)
    shares = dict.fromkeys([name for name, _match in PARTS] + ["other"], 0.0)
    for (path, _line, name), (_calls, _primitive, own_time, _cumulative, _callers) in stats.stats.items():
        part = next((label for label, match in PARTS if match(path, name)), "other")
        shares[part] += own_time
    total = sum(shares.values()) or 1
    return {part: value / total for part, value in shares.items()}, stats.total_calls


def measure(client, path, top):
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def request():
        with CaptureQueriesContext(connection) as queries:
            profile = cProfile.Profile()
            response = profile.runcall(client.get, path, secure=True)
        return response, len(queries), profile

    client.get(path, secure=True)  # imports, templates, site root paths
    for cache in caches.all():
        cache.clear()
    response, cold_queries, cold_profile = request()
    _response, warm_queries, warm_profile = request()
    parts, cold_calls = parts_of(cold_profile)
    _parts, warm_calls = parts_of(warm_profile)
    row = {
        "status": response.status_code,
        "kb": len(response.content) / 1024,
        "queries": (cold_queries, warm_queries),
        "calls": (cold_calls, warm_calls),
        "parts": parts,
    }
    if top:
        pstats.Stats(cold_profile).sort_stats("tottime").print_stats(top)
    return row


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", type=Path, help="a SQLite file with the site (load_demo)")
    parser.add_argument("paths", nargs="*", help="only these addresses (default: one page of each type and the routes)")
    parser.add_argument("--top", type=int, default=0, help="print the functions with the most own time")
    args = parser.parse_args()
    django_setup(args.database)
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    pages = {path: path for path in args.paths} or {**page_of_each_type(), **{path: path for path in ROUTES}}
    columns = [name for name, _match in PARTS] + ["other"]
    print("| page | queries cold / warm | Python calls cold / warm | " + " | ".join(columns) + " |")
    print("|---|---|---|" + "---|" * len(columns))
    for label, path in pages.items():
        row = measure(client, path, args.top)
        shares = " | ".join(f"{row['parts'][column]:.0%}" for column in columns)
        name = label if label == path else f"{label} `{path}`"
        print(
            f"| {name} ({row['status']}, {row['kb']:.0f} KB) | {row['queries'][0]} / {row['queries'][1]} "
            f"| {row['calls'][0]:,} / {row['calls'][1]:,} | {shares} |"
        )


if __name__ == "__main__":
    main()
