"""Time a large content import and export, and watch their memory.

    .venv/bin/python bench/import_export_bench.py --lines 20000

Generates a file of sources and translations over the four locales and the five
types (``bench.jsonl``, the same content as the search benchmark), imports it
into a fresh database (a temporary SQLite file unless DATABASE_URL is set,
which must then name an empty database, and is kept: ``search_bench.py
--reuse`` can then time search on it), imports it again, exports it, and
prints lines per second and the peak resident memory of each step
(``--profile``: and where re-import and export spend their time).

Each step prints wall-clock lines/s and lines per CPU-second of this process:
on a machine shared with other work the wall clock measures the neighbours
too, while CPU time is what the import itself costs (database work of SQLite
runs in this process and is counted; a PostgreSQL server's is not).
"""

import argparse
import cProfile
import os
import pstats
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.jsonl import generated_items, write_generated_items


def write_file(path, lines):
    return write_generated_items(path, generated_items, lines)


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=20_000, help="lines to generate (default 20000)")
    parser.add_argument(
        "--profile", action="store_true", help="print the 40 costliest calls (cumulative) of re-import and export"
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="compatriots-bench-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    # Measured as deployed: DEBUG off (with DEBUG on, Django keeps every query's SQL).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    import django

    django.setup()
    from django.core.management import call_command

    from interchange.exporter import export_to
    from interchange.importer import import_file

    call_command("migrate", verbosity=0)
    source = workdir / "content.jsonl"
    lines = write_file(source, args.lines)
    print(f"{lines} lines, {source.stat().st_size / 1e6:.1f} MB; database {os.environ['DATABASE_URL']}")
    print(f"peak memory before import: {peak_rss_mb():.0f} MB")

    result, wall, cpu = timed(lambda: import_file(source))
    print(f"import: {rates(lines, wall, cpu)}; {result}; peak memory {peak_rss_mb():.0f} MB")

    result, wall, cpu = timed(lambda: import_file(source), args.profile)
    print(f"re-import (no change): {rates(lines, wall, cpu)}; peak memory {peak_rss_mb():.0f} MB")

    def export():
        with open(workdir / "export.jsonl", "w", encoding="utf-8") as stream:
            return export_to(stream)

    exported, wall, cpu = timed(export, args.profile)
    print(f"export: {rates(exported, wall, cpu)}; peak memory {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
