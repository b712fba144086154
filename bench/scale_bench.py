"""Page cost at scale: every page type on the demo site and on a 20,000-page site, side by side.

    .venv/bin/python bench/scale_bench.py                      # builds both sites, then measures
    .venv/bin/python bench/scale_bench.py --pages 5000         # a smaller large site
    .venv/bin/python bench/scale_bench.py --workdir DIR --reuse   # measure sites built before in DIR

Two SQLite databases are built in the work directory: ``demo.sqlite3`` (the
demo site, ``manage.py load_demo``) and ``scale.sqlite3`` (a copy of it with
generated pages added until the site holds ``--pages`` pages). Generated pages
are spread over the four languages (translations of one another) and the five
content types, with events from two years back to two years ahead (one in ten
weekly), organisers, and organisations in a few hundred cities. They are
written straight into the tree (paths computed once per section, pages saved
without the editor's validation): an import of 20,000 lines takes hours, this
takes minutes.

Each page is then requested through Django's test client with DEBUG off and
the page cache off, ``--rounds`` times after a warm-up, on each site in turn
(one process, the database switched between requests, so that both sites
share the machine's load; each site with caches of its own). Each round asks
a page cold (the site's caches cleared first: built from nothing, what the
first visitor after a publish pays), then warm (the content cache kept from
the cold request: the visits between two publishes), and for the kept
surfaces once with ``If-None-Match`` (304). The Python function calls of a
cold and a warm request are counted too (cProfile, one request each): unlike
milliseconds, they do not depend on the machine's load. Prints a Markdown
table: median ms cold and warm, the ratios of time and of calls, body size and
queries.

Targets: each page on the large site within 1.5x of the demo; sitemap index and
each sitemap file under 100 ms and 1 MB; iCal for a year under 100 ms uncached.
"""

import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: Pages measured: (label, path, whether the response is cached between requests).
PAGES = [
    ("home", "/en/", False),
    ("events: all", "/en/events/", False),
    ("events: upcoming", "/en/events/upcoming/", False),
    ("events: month", "/en/events/month/", False),
    ("events: iCal", "/en/events/ical/", True),
    ("events: RSS", "/en/events/feed/rss/", True),
    ("events: Atom", "/en/events/feed/atom/", True),
    ("organisations", "/en/organisations/", False),
    ("jubilees", "/en/jubilees/", False),
    ("heritage", "/en/heritage/", False),
    ("sitemap index", "/sitemap.xml", True),
    ("sitemap file 1", "/sitemap-pages.xml?p=1", True),
    ("robots.txt", "/robots.txt", False),
]

CITY_COUNT = 300


def django_setup(database_path):
    os.environ["DATABASE_URL"] = f"sqlite:///{database_path}"
    # Measured as deployed: DEBUG off (with DEBUG on, Django keeps every query's SQL).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    # What a page costs to build: the page cache in front (core/page_cache.py) is another measure.
    os.environ.setdefault("PAGE_CACHE", "off")
    # The shared cache (files without REDIS_URL) of this database only, not the checkout's var/.
    os.environ["PAGE_CACHE_DIR"] = str(Path(database_path).with_suffix(".cache"))
    import django
    from django.conf import settings

    django.setup()
    # Static files as collected are not part of the measure (no manifest needed).
    from django.test.utils import override_settings

    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": static}).enable()


def build_demo(database_path):
    from django.core.management import call_command

    django_setup(database_path)
    call_command("migrate", verbosity=0)
    call_command("load_demo", "--pictures-now", verbosity=0)


class SectionWriter:
    """Appends pages under one section page: its next child path is computed, not asked for."""

    def __init__(self, section):
        from wagtail.models import Page

        self.section = section
        last = Page.objects.filter(path__startswith=section.path, depth=section.depth + 1).order_by("-path").first()
        self.next_step = (int(last.path[-Page.steplen :], 36) + 1) if last else 1
        self.added = 0

    def add(self, page):
        from wagtail.models import Page

        page.path = Page._get_path(self.section.path, self.section.depth + 1, self.next_step)
        page.depth = self.section.depth + 1
        page.numchild = 0
        page.url_path = f"{self.section.url_path}{page.slug}/"
        page.locale_id = self.section.locale_id
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = NOW
        page.save(clean=False)
        self.next_step += 1
        self.added += 1
        return page

    def finish(self):
        from wagtail.models import Page

        Page.objects.filter(pk=self.section.pk).update(numchild=self.section.numchild + self.added)


NOW = None


def type_fields(model, group, city, start, organisations):
    """The fields of generated page ``group`` that belong to its content type."""
    from events.models import EventCategory, EventPage
    from heritage.models import HeritageProjectPage
    from jubilees.models import JubileePage
    from organisations.models import OrganisationKind, OrganisationPage

    if model is OrganisationPage:
        kinds = OrganisationKind.values
        return {"kind": kinds[group % len(kinds)], "founded_year": 1950 + group % 70, "city": city, "country": "BE"}
    if model is HeritageProjectPage:
        return {"start_year": 1990 + group % 35, "country": "BE"}
    if model is JubileePage:
        return {
            "date": (start + datetime.timedelta(days=3)).date(),
            "anniversary": 10 + group % 60,
            "organisation": organisations[-1] if organisations else None,
        }
    if model is EventPage:
        categories = EventCategory.values
        return {
            "start": start,
            "end": start + datetime.timedelta(hours=3),
            "city": city,
            "country": "BE",
            "venue": "Community hall",
            "category": categories[group % len(categories)],
            "recurrence": "FREQ=WEEKLY;COUNT=20" if group % 10 == 0 else "",
        }
    return {}


def build_scale(database_path, target_pages):
    """Add generated pages to a copy of the demo site until it holds ``target_pages``."""
    global NOW
    django_setup(database_path)
    import uuid

    from django.conf import settings
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from bench.jsonl import CITIES, LOCALES, NAMES
    from events.models import EventOrganiser, EventPage
    from heritage.models import HeritageProjectPage
    from home.models import StandardPage
    from home.sections import get_home_page, get_section
    from jubilees.models import JubileePage
    from organisations.models import OrganisationPage
    from search.batching import batched_tasks

    for backend in settings.WAGTAILSEARCH_BACKENDS.values():
        backend["AUTO_UPDATE"] = False
    NOW = timezone.now()
    locales = {locale.language_code: locale for locale in Locale.objects.filter(language_code__in=LOCALES)}
    models = [OrganisationPage, HeritageProjectPage, JubileePage, EventPage, StandardPage]
    writers = {
        (model, code): SectionWriter(
            get_home_page(locales[code]) if model is StandardPage else get_section(model, locales[code])
        )
        for model in models
        for code in LOCALES
    }
    cities = [city["en"] for city in CITIES] + [f"Town {number}" for number in range(CITY_COUNT - len(CITIES))]
    groups = max(0, (target_pages - Page.objects.count()) // (len(models) * len(LOCALES)))
    started = time.perf_counter()
    with transaction.atomic(), batched_tasks():
        organisations = []
        for group in range(groups):
            name = NAMES[group % len(NAMES)]["en"]
            # A few cities hold most organisations and events, as in life.
            city = cities[min(int(group**0.5 * 3) % CITY_COUNT, group % CITY_COUNT)]
            start = NOW + datetime.timedelta(days=(group * 7919) % 1461 - 730, hours=group % 5)
            for model in models:
                key = uuid.uuid4()
                for code in LOCALES:
                    title = f"{name} {model._meta.model_name} {group} ({code})"
                    fields = {
                        "title": title,
                        "draft_title": title,
                        "slug": f"{model._meta.model_name}-{group}",
                        "summary": f"Generated {model._meta.verbose_name} {group} of the scale benchmark.",
                        "translation_key": key,
                        "external_id": f"scale-{model._meta.model_name}-{group}",
                    }
                    fields.update(type_fields(model, group, city, start, organisations))
                    page = writers[(model, code)].add(model(**fields))
                    if code == "en" and model is OrganisationPage:
                        organisations.append(page)
                    if code == "en" and model is EventPage and organisations:
                        # Organisers follow use: the first organisations organise most.
                        organiser = organisations[int(len(organisations) * ((group * 37) % 100 / 100) ** 3)]
                        EventOrganiser.objects.create(event=page, organisation=organiser)
            if group and group % 100 == 0:
                print(f"  {group * len(models) * len(LOCALES)} pages in {time.perf_counter() - started:.0f} s")
        for writer in writers.values():
            writer.finish()
    print(f"{Page.objects.count()} pages; generation {time.perf_counter() - started:.0f} s")


def python_calls(request):
    """The Python function calls ``request()`` makes (load-independent, unlike its time)."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(request)
    return pstats.Stats(profiler).total_calls


class Sites:
    """The two sites, switched between requests in one process, each with caches of its own.

    The large site's database is a copy of the demo's plus pages: content
    types, locales and sites have the same ids, so switching the connection's
    database file (and the caches) is all it takes. Each site has its own cache
    directory (content and page caches) and process-memory cache, so that what
    one site kept is never served for the other.
    """

    def __init__(self, paths):
        from django.conf import settings
        from django.core.cache.backends.filebased import FileBasedCache
        from django.core.cache.backends.locmem import LocMemCache
        from django.test import Client

        self.paths = paths
        self.client = Client(HTTP_HOST="localhost")
        self.caches = {
            site: {
                "default": LocMemCache(f"scale-bench-{site}", {}),
                "pages": FileBasedCache(str(Path(path).with_suffix(".cache")), settings.CACHES["pages"]),
            }
            for site, path in paths.items()
        }

    def use(self, site, clear=True):
        from django.core.cache import caches
        from django.db import connection

        connection.close()
        connection.settings_dict["NAME"] = self.paths[site]
        for alias, cache in self.caches[site].items():
            setattr(caches._connections, alias, cache)
            if clear:
                cache.clear()

    def timed(self, path, **headers):
        started = time.perf_counter()
        response = self.client.get(path, secure=True, headers=headers)
        return (time.perf_counter() - started) * 1000, response

    def counted(self, path):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            elapsed, response = self.timed(path)
        return elapsed, response, len(queries)

    def calls(self, path):
        """The Python function calls of one request (load-independent, unlike its time)."""
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(self.client.get, path, secure=True)
        return pstats.Stats(profiler).total_calls


def measure_page(sites, path, cached, rounds):
    """Cold (the site's caches cleared: the first visit after a publish), then warm (what the cold one kept)."""
    timings = {site: {"ms": [], "warm_ms": [], "304_ms": []} for site in sites.paths}
    rows = {}
    for _round in range(rounds):
        for site in sites.paths:
            sites.use(site)
            elapsed, response, queries = sites.counted(path)
            timings[site]["ms"].append(elapsed)
            rows[site] = {"status": response.status_code, "bytes": len(response.content), "queries": queries}
            elapsed, _response, rows[site]["warm_queries"] = sites.counted(path)
            timings[site]["warm_ms"].append(elapsed)
            if cached:
                elapsed, not_modified = sites.timed(path, if_none_match=response.get("ETag", ""))
                timings[site]["304_ms"].append(elapsed)
                rows[site]["304_status"] = not_modified.status_code
    for site in sites.paths:
        sites.use(site)
        rows[site]["calls"] = sites.calls(path)
        rows[site]["warm_calls"] = sites.calls(path)
        rows[site].update({name: statistics.median(values) for name, values in timings[site].items() if values})
    return rows


def measure(demo_path, scale_path, rounds):
    """Both sites in one process, request by request in turn, so that both see the same load."""
    django_setup(demo_path)
    import gc

    from wagtail.models import Page

    gc.freeze()  # as config/wsgi.py does once the site is loaded
    sites = Sites({"demo": str(demo_path), "scale": str(scale_path)})
    results = {}
    for site in sites.paths:
        sites.use(site)
        results[site] = {"pages": Page.objects.count()}
        for _label, path, _cached in PAGES:
            sites.client.get(path, secure=True)  # warm-up: imports, templates
    for label, path, cached in PAGES:
        for site, row in measure_page(sites, path, cached, rounds).items():
            results[site][label] = row
    print(json.dumps(results))


def run_role(role, *arguments):
    command = [sys.executable, __file__, "--role", role, *map(str, arguments)]
    completed = subprocess.run(command, check=True, capture_output=role == "measure", text=True, cwd=ROOT)
    return completed.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20_000, help="pages of the large site (default 20000)")
    parser.add_argument("--rounds", type=int, default=5, help="timed requests per page (default 5)")
    parser.add_argument("--workdir", type=Path, help="where the databases are (default: a new temporary directory)")
    parser.add_argument("--reuse", action="store_true", help="measure the databases already in --workdir")
    parser.add_argument("--role", help=argparse.SUPPRESS)
    parser.add_argument("arguments", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.role == "build-demo":
        return build_demo(args.arguments[0])
    if args.role == "build-scale":
        return build_scale(args.arguments[0], int(args.arguments[1]))
    if args.role == "measure":
        return measure(args.arguments[0], args.arguments[1], int(args.arguments[2]))

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="compatriots-scale-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    demo, scale = workdir / "demo.sqlite3", workdir / "scale.sqlite3"
    if not args.reuse:
        started = time.perf_counter()
        run_role("build-demo", demo)
        print(f"demo site built in {time.perf_counter() - started:.0f} s")
        shutil.copyfile(demo, scale)
        run_role("build-scale", scale, args.pages)
    print(report(json.loads(run_role("measure", demo, scale, args.rounds))))


def report(figures):
    demo, scale = figures["demo"], figures["scale"]
    lines = [
        f"| page | cold: demo ({demo['pages']} pages) | cold: {scale['pages']:,} pages | ratio | calls ratio"
        " | warm: demo | warm: scale | ratio | calls ratio | size at scale | queries cold (demo / scale)"
        " | queries warm | 304 at scale |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for label, _path, _cached in PAGES:
        small, large = demo[label], scale[label]
        not_modified = f"{large['304_ms']:.1f} ms ({large['304_status']})" if "304_ms" in large else ""
        status = "" if large["status"] == 200 else f" (HTTP {large['status']})"
        lines.append(
            f"| {label}{status} | {small['ms']:.1f} ms | {large['ms']:.1f} ms | {large['ms'] / small['ms']:.2f}x"
            f" | {large['calls'] / small['calls']:.2f}x"
            f" | {small['warm_ms']:.1f} ms | {large['warm_ms']:.1f} ms | {large['warm_ms'] / small['warm_ms']:.2f}x"
            f" | {large['warm_calls'] / small['warm_calls']:.2f}x"
            f" | {large['bytes'] / 1000:.0f} KB | {small['queries']} / {large['queries']}"
            f" | {small['warm_queries']} / {large['warm_queries']} | {not_modified} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
