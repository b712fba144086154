"""Generated content-format files for the benchmarks: realistic pages over the
four languages and the five types, with names spelled the way each language
spells them, so that both benchmarks import and search the same kind of site."""

import json
from itertools import count, islice


def write_generated_items(path, generated_items, limit):
    """Write ``limit`` items to ``path`` as JSON Lines, drawing groups from
    ``generated_items(group)`` for group 0, 1, 2... until enough are written.

    Returns the number of lines written."""
    items = (item for group in count() for item in generated_items(group))
    written = 0
    with open(path, "w", encoding="utf-8") as stream:
        for item in islice(items, limit):
            stream.write(json.dumps(item, ensure_ascii=False) + "\n")
            written += 1
    return written


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
                "tags": [f"tag-{group % 50}", locale],
            }
            if locale == "en":
                item.update(TYPE_FIELDS[item_type](org_id))
            item.update(dict.fromkeys(CITY_FIELDS.get(item_type, ()), city[locale]))
            yield item
