"""Time search: ``update_index`` throughput and the search API's latency.

    .venv/bin/python bench/search_bench.py                 # 20,000 pages, SQLite
    .venv/bin/python bench/search_bench.py --pages 4000    # quicker
    DATABASE_URL=postgres://.../empty_db .venv/bin/python bench/search_bench.py
    DATABASE_URL=... .venv/bin/python bench/search_bench.py --reuse   # a database already filled

Generates N pages (sources and their translations, over the four languages and
the five content types, with names spelled the way each language spells them:
``bench.jsonl``) as a content-format JSON Lines file, imports it with
``manage.py import_content`` into a fresh database (a temporary SQLite file
unless DATABASE_URL names an empty database), times a full ``update_index``,
then asks ``/api/search/`` a set of realistic queries (misspelt ones among
them), one at a time through Django's test client, and prints the p50 and p95
latency, wall clock and the process's CPU time (the figure to compare on a
shared, loaded machine), with the load average. ``--reuse`` skips
the generation and import, for a database that ``import_export_bench.py``
(the same content) has filled.

Targets: p95 <= 50 ms, update_index >= 500 pages/s.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.jsonl import generated_items, write_generated_items

#: What visitors type: names in each spelling, word forms, accents, several words.
QUERIES = [
    ("Pushkin", None),
    ("poesjkin", None),
    ("Pouchkine", "fr"),
    ("Пушкин", None),
    ("Толстого", "ru"),
    ("tsjechov", "nl"),
    ("Tchaikovsky concert", None),
    ("jubilea", "nl"),
    ("associations", "fr"),
    ("cooperation", None),
    ("организаций", "ru"),
    ("memorial restoration Brussels", "en"),
    ("Luik", None),
    ("zondagsschool", "nl"),
    ("Dostoïevski", None),
    # Misspelt: expanded to their typo neighbours through the term dictionary.
    ("Puskhin", None),
    ("Tsjaikovksi", "nl"),
    ("Rachmaninof concert", None),
    ("Lermontvo", "ru"),
]


def write_file(path, pages):
    return write_generated_items(path, generated_items, pages)


def import_pages(workdir, count):
    """Generate ``count`` pages and import them with ``manage.py import_content``.

    The index is rebuilt and timed afterwards: importing without updating it
    on every save keeps the import's own cost out of those figures.
    """
    from django.conf import settings
    from django.core.management import call_command

    source = workdir / "content.jsonl"
    pages = write_file(source, count)
    print(f"{pages} pages generated, {source.stat().st_size / 1e6:.1f} MB")
    for backend in settings.WAGTAILSEARCH_BACKENDS.values():
        backend["AUTO_UPDATE"] = False
    started = time.perf_counter()
    call_command("import_content", str(source))
    elapsed = time.perf_counter() - started
    print(f"import_content (index not updated): {elapsed:.1f} s, {pages / elapsed:.0f} pages/s")
    for backend in settings.WAGTAILSEARCH_BACKENDS.values():
        backend["AUTO_UPDATE"] = True


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20_000, help="pages to generate (default 20000)")
    parser.add_argument("--rounds", type=int, default=10, help="times each query is asked (default 10)")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="DATABASE_URL already holds imported content: skip generating and importing",
    )
    args = parser.parse_args()
    if args.reuse and "DATABASE_URL" not in os.environ:
        parser.error("--reuse needs DATABASE_URL")

    workdir = Path(tempfile.mkdtemp(prefix="compatriots-search-bench-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    # Measured as deployed: DEBUG off (with DEBUG on, Django keeps every query's SQL).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    # The test client speaks plain HTTP, as a TLS proxy in front would to the site.
    os.environ.setdefault("HTTPS", "off")
    import gc

    import django

    django.setup()
    gc.freeze()  # as config/wsgi.py does once the site is loaded
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from wagtail.models import Page

    call_command("migrate", verbosity=0)
    if not args.reuse:
        import_pages(workdir, args.pages)

    print(f"{connection.vendor} database at {os.environ['DATABASE_URL']}")

    indexed = Page.objects.count()
    started = time.perf_counter()
    call_command("update_index", verbosity=0)
    elapsed = time.perf_counter() - started
    print(f"update_index: {elapsed:.1f} s for {indexed} pages, {indexed / elapsed:.0f} pages/s (target >= 500)")
    if connection.vendor == "postgresql":
        # What autovacuum does within a minute of a bulk write: the planner
        # needs fresh statistics, and the pages' indexes still point at every
        # row version the import wrote (each page is updated several times as
        # its children and translations arrive) until they are vacuumed.
        # Then a checkpoint, so that the timings are of search on a settled
        # database, not of search competing with the disk flush of the rebuild.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
            cursor.execute("CHECKPOINT")

    client = Client(HTTP_HOST="localhost")
    for query, locale in QUERIES:  # warm caches, as a running site has them
        client.get("/api/search/", {"q": query, **({"locale": locale} if locale else {})})
    timings, cpu_timings, counts, by_query = [], [], {}, {}
    load_before = os.getloadavg()
    for _round in range(args.rounds):
        for query, locale in QUERIES:
            params = {"q": query, **({"locale": locale} if locale else {})}
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get("/api/search/", params)
            elapsed = (time.perf_counter() - started) * 1000
            cpu_timings.append((time.process_time() - cpu_started) * 1000)
            timings.append(elapsed)
            by_query.setdefault((query, locale), []).append(cpu_timings[-1])
            if response.status_code != 200:
                raise SystemExit(f"{params}: HTTP {response.status_code}: {response.content[:300]!r}")
            counts[(query, locale)] = response.json()["count"]
    for (query, locale), count in counts.items():
        median = statistics.median(by_query[(query, locale)])
        print(f"  {query!r} ({locale or 'all'}): {count} results, median CPU {median:.1f} ms")
    load = ", ".join(f"{before:.1f}/{after:.1f}" for before, after in zip(load_before, os.getloadavg(), strict=True))
    print(f"load average (1, 5, 15 min) before/after the requests: {load}, on {os.cpu_count()} cores")
    for label, values in (("wall clock", timings), ("CPU time", cpu_timings)):
        p50, p95 = statistics.median(values), percentile(values, 0.95)
        print(
            f"search API, {len(values)} requests, one client, {label}: p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
            f"max {max(values):.1f} ms (target p95 <= 50 ms)"
        )


if __name__ == "__main__":
    main()
