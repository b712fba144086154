"""Time a large content import and export, and watch their memory.

    .venv/bin/python bench/import_export_bench.py --lines 20000

Generates a file of sources and translations over the four locales and the five
types (``bench.jsonl``, the same content as the search benchmark), imports it
into a fresh database (a temporary SQLite file unless DATABASE_URL is set,
which must then name an empty database, and is kept: ``search_bench.py
--reuse`` can then time search on it), imports it again, exports it, and
prints lines per second and the peak resident memory of each step.
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.jsonl import generated_items, write_generated_items  # noqa: E402


def write_file(path, lines):
    return write_generated_items(path, generated_items, lines)


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=20_000, help="lines to generate (default 20000)")
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

    started = time.perf_counter()
    result = import_file(source)
    elapsed = time.perf_counter() - started
    print(f"import: {elapsed:.1f} s, {lines / elapsed:.0f} lines/s ({result}); peak memory {peak_rss_mb():.0f} MB")

    started = time.perf_counter()
    result = import_file(source)
    elapsed = time.perf_counter() - started
    print(f"re-import (no change): {elapsed:.1f} s, {lines / elapsed:.0f} lines/s; peak memory {peak_rss_mb():.0f} MB")

    started = time.perf_counter()
    with open(workdir / "export.jsonl", "w", encoding="utf-8") as stream:
        exported = export_to(stream)
    elapsed = time.perf_counter() - started
    print(f"export: {elapsed:.1f} s, {exported / elapsed:.0f} lines/s; peak memory {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
