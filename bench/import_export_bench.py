"""Time a large content import and export, and search while an import runs.

    .venv/bin/python bench/import_export_bench.py --lines 20000

Generates a file of sources and translations over the four locales and the five
types (``bench.jsonl``, the same content as the search benchmark), imports it
into a fresh database (a temporary SQLite file unless DATABASE_URL is set,
which must then name an empty database, and is kept: ``search_bench.py
--reuse`` can then time search on it), imports it again, exports it, and
prints lines per second and the peak resident memory of each step
(``--profile``: and where re-import and export spend their time).

Then (unless ``--no-search``) a second process asks the search API the
search benchmark's queries, one every ``--search-pause`` seconds, first on the
idle site, then while a second file of as many new lines is imported: the
p50, p95 and maximum latency of each phase are printed. The searching process
has its own database connection, as a web server's would.

Each step prints wall-clock lines/s and lines per CPU-second of this process:
on a machine shared with other work the wall clock measures the neighbours
too, while CPU time is what the import itself costs (database work of SQLite
runs in this process and is counted; a PostgreSQL server's is not). The load
average is printed with each step.
"""

import argparse
import cProfile
import json
import logging
import os
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.jsonl import generated_items, write_generated_items

#: Groups of 20 lines (bench.jsonl) that the second file skips, so that its ids and titles are new.
SECOND_FILE_OFFSET = 1_000_000


def write_file(path, lines, first_group=0):
    return write_generated_items(path, lambda group: generated_items(first_group + group), lines)


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load():
    return "load average " + " ".join(f"{value:.1f}" for value in os.getloadavg())


def timed(step, profile=False):
    """``(result, wall seconds, CPU seconds)`` of ``step()``, its profile printed when asked."""
    profiler = cProfile.Profile() if profile else None
    wall, cpu = time.perf_counter(), time.process_time()
    result = profiler.runcall(step) if profiler else step()
    elapsed = time.perf_counter() - wall, time.process_time() - cpu
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    return result, *elapsed


def rates(lines, wall, cpu):
    return f"{wall:.1f} s, {lines / wall:.0f} lines/s ({cpu:.1f} CPU-s, {lines / cpu:.0f} lines per CPU-s)"


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def setup_django(workdir):
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    # Measured as deployed: DEBUG off (with DEBUG on, Django keeps every query's SQL).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    # The test client speaks plain HTTP, as a TLS proxy in front would to the site.
    os.environ.setdefault("HTTPS", "off")
    os.environ.setdefault("PAGE_CACHE_DIR", str(workdir / "page-cache"))
    import django

    django.setup()


def search_client(workdir, pause):
    """The searching process: ask the queries in turn until ``workdir/stop-search`` exists;
    print each phase's latencies (ms) as JSON. A phase starts when ``workdir/phase-<name>`` appears."""
    setup_django(workdir)
    from django.core.signals import request_finished
    from django.test import Client

    from bench.search_bench import QUERIES
    from search.service import query_log
    from search.service.query_log import FLUSH_RECEIVER_UID, flush_after_response

    # A server writes the query log once the response is out: so here, after the timing. While the
    # import holds the write lock the counts wait for a later response (logged at INFO level each time).
    request_finished.disconnect(dispatch_uid=FLUSH_RECEIVER_UID)
    query_log.logger.setLevel(logging.WARNING)
    client = Client(HTTP_HOST="localhost")
    for query, locale in QUERIES:  # warm caches, as a running site has them
        client.get("/api/search/", {"q": query, **({"locale": locale} if locale else {})})
    print("ready", flush=True)
    timings, failures, asked = {}, {}, 0
    while not (workdir / "stop-search").exists():
        phase = sorted(path.name.removeprefix("phase-") for path in workdir.glob("phase-*"))[-1:]
        query, locale = QUERIES[asked % len(QUERIES)]
        asked += 1
        started = time.perf_counter()
        response = client.get("/api/search/", {"q": query, **({"locale": locale} if locale else {})})
        elapsed = (time.perf_counter() - started) * 1000
        flush_after_response()
        if phase:
            timings.setdefault(phase[0], []).append(elapsed)
            if response.status_code != 200:
                failures[phase[0]] = failures.get(phase[0], 0) + 1
        time.sleep(pause)
    print(json.dumps({"timings": timings, "failures": failures}), flush=True)


def search_while(workdir, pause, phases):
    """Run ``phases`` (``[(name, step)]``) one after the other while a second process searches;
    return ``{name: (result, wall, cpu, latencies, failures)}``."""
    child = subprocess.Popen(
        [sys.executable, __file__, "--search-client", str(workdir), "--search-pause", str(pause)],
        stdout=subprocess.PIPE,
        text=True,
    )
    if child.stdout.readline().strip() != "ready":
        raise SystemExit("the searching process did not start")
    outcomes = {}
    for number, (name, step) in enumerate(phases):
        marker = workdir / f"phase-{number}-{name}"
        marker.touch()
        outcomes[name] = timed(step)
        marker.rename(workdir / f"done-{number}-{name}")
    (workdir / "stop-search").touch()
    output, _ = child.communicate()
    measured = json.loads(output.strip().splitlines()[-1])
    return {
        name: (
            *outcomes[name],
            measured["timings"].get(f"{number}-{name}", []),
            measured["failures"].get(f"{number}-{name}", 0),
        )
        for number, (name, _step) in enumerate(phases)
    }


def latency(values, failures):
    if not values:
        return "no search answered"
    return (
        f"{len(values)} searches, p50 {statistics.median(values):.0f} ms, p95 {percentile(values, 0.95):.0f} ms, "
        f"max {max(values):.0f} ms, {failures} failed (target p95 < 200 ms)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=20_000, help="lines to generate (default 20000)")
    parser.add_argument(
        "--profile", action="store_true", help="print the 40 costliest calls (cumulative) of re-import and export"
    )
    parser.add_argument("--no-search", action="store_true", help="skip the search latency during an import")
    parser.add_argument("--search-pause", type=float, default=0.2, help="seconds between two searches (default 0.2)")
    parser.add_argument(
        "--idle-search-seconds", type=float, default=30, help="seconds of search on the idle site (default 30)"
    )
    parser.add_argument("--search-client", metavar="WORKDIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.search_client:
        search_client(Path(args.search_client), args.search_pause)
        return

    workdir = Path(tempfile.mkdtemp(prefix="compatriots-bench-"))
    setup_django(workdir)
    from django.core.management import call_command
    from django.db import connection

    from interchange.exporter import export_to
    from interchange.importer import import_file

    call_command("migrate", verbosity=0)
    source = workdir / "content.jsonl"
    lines = write_file(source, args.lines)
    print(f"{lines} lines, {source.stat().st_size / 1e6:.1f} MB; database {os.environ['DATABASE_URL']}; {load()}")
    print(f"peak memory before import: {peak_rss_mb():.0f} MB", flush=True)

    result, wall, cpu = timed(lambda: import_file(source))
    print(f"import: {rates(lines, wall, cpu)}; {result}; peak memory {peak_rss_mb():.0f} MB; {load()}", flush=True)

    result, wall, cpu = timed(lambda: import_file(source), args.profile)
    print(f"re-import (no change): {rates(lines, wall, cpu)}; peak memory {peak_rss_mb():.0f} MB; {load()}", flush=True)

    def export():
        with open(workdir / "export.jsonl", "w", encoding="utf-8") as stream:
            return export_to(stream)

    exported, wall, cpu = timed(export, args.profile)
    print(f"export: {rates(exported, wall, cpu)}; peak memory {peak_rss_mb():.0f} MB; {load()}", flush=True)
    if args.no_search:
        return

    if connection.vendor == "postgresql":
        # What autovacuum does within a minute of a bulk write, so that search runs on a settled database.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    second = workdir / "second.jsonl"
    second_lines = write_file(second, args.lines, first_group=SECOND_FILE_OFFSET)
    outcomes = search_while(
        workdir,
        args.search_pause,
        [("idle", lambda: time.sleep(args.idle_search_seconds)), ("import", lambda: import_file(second))],
    )
    _result, _wall, _cpu, values, failures = outcomes["idle"]
    print(f"search, idle site: {latency(values, failures)}")
    result, wall, cpu, values, failures = outcomes["import"]
    print(
        f"import of {second_lines} new lines while searching: {rates(second_lines, wall, cpu)}; {result.created} created;"
        f" peak memory {peak_rss_mb():.0f} MB; {load()}"
    )
    print(f"search during that import: {latency(values, failures)}", flush=True)


if __name__ == "__main__":
    main()
