"""Time a large content import and export, and watch their memory.

    .venv/bin/python bench/import_export_bench.py --lines 20000

Generates a file of sources and translations over the four locales and the five
types, imports it into a fresh database (a temporary SQLite file unless
DATABASE_URL is set, which must then name an empty database), exports it, and
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

from bench.jsonl import write_generated_items  # noqa: E402

LOCALES = ("en", "nl", "fr", "ru")
#: Per group of items: one organisation, then a project, a jubilee, an event and a page referring to it.
TYPES = ("organisation", "heritage_project", "jubilee", "event", "page")


def generated_items(group):
    """Five sources (one per type) and their translations: 20 lines."""
    org_id = f"org-{group}"
    fields = {
        "organisation": {"kind": "association", "founded": "1990", "city": "Brussels", "country": "BE"},
        "heritage_project": {"organisations": [org_id], "start_year": 2010, "place": "Brussels", "country": "BE"},
        "jubilee": {"organisation": org_id, "date": "2020-05-01"},
        "event": {
            "start": "2020-05-01T19:00:00+02:00",
            "end": "2020-05-01T22:00:00+02:00",
            "venue": "Hall",
            "city": "Brussels",
            "country": "BE",
            "organisers": [org_id],
            "category": "concert",
        },
        "page": {},
    }
    translated = {"organisation": ("city",), "heritage_project": ("place",), "event": ("venue", "city")}
    for item_type in TYPES:
        item_id = org_id if item_type == "organisation" else f"{item_type.replace('_', '-')}-{group}"
        for locale in LOCALES:
            item = {
                "id": item_id,
                "type": item_type,
                "locale": locale,
                "title": f"{item_type} {group} ({locale})",
                "summary": f"Summary of {item_type} {group} in {locale}.",
                "body": [f"First paragraph {group} {locale}.", f"Second paragraph {group} {locale}."],
                "tags": [f"tag-{group % 50}", locale],
            }
            if locale == "en":
                item.update(fields[item_type])
            else:
                item.update({name: f"{fields[item_type][name]} ({locale})" for name in translated.get(item_type, ())})
            yield item


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
