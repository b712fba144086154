"""Time search: ``update_index`` throughput and the search API's latency.

    .venv/bin/python bench/search_bench.py                 # 20,000 pages, SQLite
    .venv/bin/python bench/search_bench.py --pages 4000    # quicker
    DATABASE_URL=postgres://.../empty_db .venv/bin/python bench/search_bench.py

Generates N pages (sources and their translations, over the four languages and
the five content types, with names spelled the way each language spells them)
as a content-format JSON Lines file, imports it with ``manage.py
import_content`` into a fresh database (a temporary SQLite file unless
DATABASE_URL names an empty database), times a full ``update_index``, then
asks ``/api/search/`` a set of realistic queries, one at a time through
Django's test client, and prints the p50 and p95 latency.

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

from bench.jsonl import write_generated_items  # noqa: E402

LOCALES = ("en", "nl", "fr", "ru")
TYPES = ("organisation", "heritage_project", "jubilee", "event", "page")

#: One name as each language spells it (and the Russian genitive, as titles use it).
NAMES = [
    {"en": "Pushkin", "nl": "Poesjkin", "fr": "Pouchkine", "ru": "Пушкин", "ru_gen": "Пушкина"},
    {"en": "Tolstoy", "nl": "Tolstoj", "fr": "Tolstoï", "ru": "Толстой", "ru_gen": "Толстого"},
    {"en": "Chekhov", "nl": "Tsjechov", "fr": "Tchekhov", "ru": "Чехов", "ru_gen": "Чехова"},
    {"en": "Tchaikovsky", "nl": "Tsjaikovski", "fr": "Tchaïkovski", "ru": "Чайковский", "ru_gen": "Чайковского"},
    {"en": "Dostoevsky", "nl": "Dostojevski", "fr": "Dostoïevski", "ru": "Достоевский", "ru_gen": "Достоевского"},
    {"en": "Gogol", "nl": "Gogol", "fr": "Gogol", "ru": "Гоголь", "ru_gen": "Гоголя"},
    {"en": "Lermontov", "nl": "Lermontov", "fr": "Lermontov", "ru": "Лермонтов", "ru_gen": "Лермонтова"},
    {"en": "Rachmaninoff", "nl": "Rachmaninov", "fr": "Rachmaninov", "ru": "Рахманинов", "ru_gen": "Рахманинова"},
]
CITIES = [
    {"en": "Brussels", "nl": "Brussel", "fr": "Bruxelles", "ru": "Брюссель"},
    {"en": "Antwerp", "nl": "Antwerpen", "fr": "Anvers", "ru": "Антверпен"},
    {"en": "Liège", "nl": "Luik", "fr": "Liège", "ru": "Льеж"},
    {"en": "Ghent", "nl": "Gent", "fr": "Gand", "ru": "Гент"},
]
TITLES = {
    "organisation": {
        "en": "{name} Society of {city}",
        "nl": "{name}vereniging {city}",
        "fr": "Association {name} de {city}",
        "ru": "Общество {name_gen} в городе {city}",
    },
    "heritage_project": {
        "en": "Restoring the {name} memorial in {city}",
        "nl": "Restauratie van het {name}monument in {city}",
        "fr": "Restauration du monument {name} à {city}",
        "ru": "Реставрация памятника {name_gen}, {city}",
    },
    "jubilee": {
        "en": "Jubilee of the {name} choir",
        "nl": "Jubileum van het {name}koor",
        "fr": "Jubilé du chœur {name}",
        "ru": "Юбилей хора имени {name_gen}",
    },
    "event": {
        "en": "{name} evening: concert and readings",
        "nl": "{name}avond: concert en voordrachten",
        "fr": "Soirée {name} : concert et lectures",
        "ru": "Вечер {name_gen}: концерт и чтения",
    },
    "page": {
        "en": "Cooperation between associations in {city}",
        "nl": "Samenwerking tussen verenigingen in {city}",
        "fr": "Coopération entre les associations de {city}",
        "ru": "Сотрудничество организаций в городе {city}",
    },
}
BODY = {
    "en": [
        "The compatriots of {city} celebrated the anniversary of {name} with their families.",
        "Volunteers keep the library, the Sunday school and the archives of the community.",
    ],
    "nl": [
        "De landgenoten in {city} vierden de verjaardag van {name} met hun families.",
        "Vrijwilligers onderhouden de bibliotheek, de zondagsschool en de archieven van de gemeenschap.",
    ],
    "fr": [
        "Les compatriotes de {city} ont célébré l'anniversaire de {name} en famille.",
        "Des bénévoles entretiennent la bibliothèque, l'école du dimanche et les archives de la communauté.",
    ],
    "ru": [
        "Соотечественники в городе {city} отметили годовщину {name_gen} вместе с семьями.",
        "Волонтёры поддерживают библиотеку, воскресную школу и архивы общины.",
    ],
}
TYPE_FIELDS = {
    "organisation": lambda org_id: {"kind": "association", "founded": "1990", "country": "BE"},
    "heritage_project": lambda org_id: {"organisations": [org_id], "start_year": 2010, "country": "BE"},
    "jubilee": lambda org_id: {"organisation": org_id, "date": "2020-05-01"},
    "event": lambda org_id: {
        "start": "2020-05-01T19:00:00+02:00",
        "end": "2020-05-01T22:00:00+02:00",
        "country": "BE",
        "organisers": [org_id],
        "category": "concert",
    },
    "page": lambda org_id: {},
}
#: Translatable per-type fields, filled with the item's city.
CITY_FIELDS = {"organisation": ("city",), "heritage_project": ("place",), "event": ("venue", "city")}

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
]


def generated_items(group):
    """Five sources (one per type) and their translations: 20 lines."""
    name = NAMES[group % len(NAMES)]
    city = CITIES[(group // len(NAMES)) % len(CITIES)]
    org_id = f"org-{group}"
    for item_type in TYPES:
        item_id = org_id if item_type == "organisation" else f"{item_type.replace('_', '-')}-{group}"
        for locale in LOCALES:
            words = {"name": name[locale], "name_gen": name.get(f"{locale}_gen", name[locale]), "city": city[locale]}
            item = {
                "id": item_id,
                "type": item_type,
                "locale": locale,
                "title": f"{TITLES[item_type][locale].format(**words)} {group}",
                "summary": BODY[locale][0].format(**words),
                "body": [paragraph.format(**words) for paragraph in BODY[locale]],
            }
            if locale == "en":
                item.update(TYPE_FIELDS[item_type](org_id))
            item.update(dict.fromkeys(CITY_FIELDS.get(item_type, ()), city[locale]))
            yield item


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
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
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

    client = Client(HTTP_HOST="localhost")
    for query, locale in QUERIES:  # warm caches, as a running site has them
        client.get("/api/search/", {"q": query, **({"locale": locale} if locale else {})})
    timings, counts = [], {}
    for _round in range(args.rounds):
        for query, locale in QUERIES:
            params = {"q": query, **({"locale": locale} if locale else {})}
            started = time.perf_counter()
            response = client.get("/api/search/", params)
            timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{params}: HTTP {response.status_code}: {response.content[:300]!r}")
            counts[(query, locale)] = response.json()["count"]
    for (query, locale), count in counts.items():
        print(f"  {query!r} ({locale or 'all'}): {count} results")
    p50, p95 = statistics.median(timings), percentile(timings, 0.95)
    print(
        f"search API, {len(timings)} requests, one client: p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
        f"max {max(timings):.1f} ms (target p95 <= 50 ms)"
    )


if __name__ == "__main__":
    main()
