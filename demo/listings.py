"""Demo pages the interchange file has no type for: recurring events and collections
(the cooperation protocols are in :mod:`.cooperation`).

They are built here as English source pages and translated with wagtail-localize
(``sync_translations``), like the rest of the demo. Each step compares before it
writes, so running the demo loader again changes nothing.
"""

import datetime
import zoneinfo

from django.contrib.contenttypes.models import ContentType

from events.models import EventCategory, EventIndexPage, EventOrganiser, EventPage
from events.recurrence import normalize_recurrence
from events.times import parse_time_zone
from home.sections import get_home_page, get_section
from jubilees.models import JubileePage
from listings.models import CollectionPage, DateWindow, SortOrder

from .cooperation import add_cooperation
from .enrichment import enrich_source, sync_translations
from .sources import english_organisations, ensure_source, translated_values

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")

#: Recurring events: English fields, organisers, and title/summary/venue/city/body in the other languages.
RECURRING_EVENTS = {
    "russian-evening-course-brussels": {
        "fields": {
            "title": "Russian evening course, Tuesdays",
            "summary": "A weekly Russian course for adults: grammar, conversation and songs, every Tuesday evening.",
            "start": datetime.datetime(2026, 9, 15, 19, 0, tzinfo=BRUSSELS),
            "end": datetime.datetime(2026, 9, 15, 20, 30, tzinfo=BRUSSELS),
            "time_zone": "Europe/Brussels",
            "recurrence": "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630",
            "category": EventCategory.COURSE,
            "venue": "Russian Centre of Science and Culture",
            "city": "Brussels",
            "country": "BE",
        },
        "body": (
            "Every Tuesday from September to the end of June, teachers of the Rodnaya Rech school give an evening"
            " class for adults who want to learn Russian or bring back the Russian of their childhood."
        ),
        "organisers": ["rodnaya-rech-school", "rcsc-brussels"],
        "translations": {
            "nl": {
                "title": "Avondcursus Russisch, op dinsdag",
                "summary": "Een wekelijkse cursus Russisch voor volwassenen: grammatica, conversatie en liederen,"
                " elke dinsdagavond.",
                "venue": "Russisch Centrum voor Wetenschap en Cultuur",
                "city": "Brussel",
                "body": "Elke dinsdag van september tot eind juni geven leraren van de school Rodnaja Retsj een"
                " avondles voor volwassenen die Russisch willen leren of het Russisch van hun kindertijd"
                " willen terugvinden.",
            },
            "fr": {
                "title": "Cours du soir de russe, le mardi",
                "summary": "Un cours hebdomadaire de russe pour adultes : grammaire, conversation et chansons,"
                " chaque mardi soir.",
                "venue": "Centre russe de la science et de la culture",
                "city": "Bruxelles",
                "body": "Chaque mardi, de septembre à fin juin, les enseignants de l'école Rodnaïa Retch donnent un"
                " cours du soir aux adultes qui veulent apprendre le russe ou retrouver celui de leur enfance.",
            },
            "ru": {
                "title": "Вечерние курсы русского языка по вторникам",
                "summary": "Еженедельные курсы русского для взрослых: грамматика, разговор и песни — каждый"
                " вторник вечером.",
                "venue": "Российский центр науки и культуры",
                "city": "Брюссель",
                "body": "Каждый вторник с сентября до конца июня преподаватели школы «Родная речь» ведут вечерние"
                " занятия для взрослых, которые хотят выучить русский язык или вспомнить язык своего детства.",
            },
        },
    },
    "slavic-culture-festival": {
        "fields": {
            "title": "Festival of Slavic Writing and Culture",
            "summary": "Every 24 May, the day of Saints Cyril and Methodius: choirs, readings and a book fair.",
            "start": datetime.datetime(2019, 5, 24, 14, 0, tzinfo=BRUSSELS),
            "end": datetime.datetime(2019, 5, 24, 21, 0, tzinfo=BRUSSELS),
            "time_zone": "Europe/Brussels",
            "recurrence": "FREQ=YEARLY",
            "category": EventCategory.FESTIVAL,
            "venue": "Parish hall of Saints Cyril and Methodius",
            "city": "Liège",
            "country": "BE",
        },
        "body": (
            "Since 2019 the network celebrates the day of the Slavic alphabet every year: schools show their"
            " pupils' work, choirs sing, and publishers bring their new books."
        ),
        "organisers": ["cyril-methodius-parish", "belgian-federation"],
        "translations": {
            "nl": {
                "title": "Festival van het Slavische schrift en de cultuur",
                "summary": "Elk jaar op 24 mei, de dag van de heiligen Cyrillus en Methodius: koren, lezingen en"
                " een boekenmarkt.",
                "venue": "Parochiezaal van de Heiligen Cyrillus en Methodius",
                "city": "Luik",
                "body": "Sinds 2019 viert het netwerk elk jaar de dag van het Slavische alfabet: scholen tonen het"
                " werk van hun leerlingen, koren zingen en uitgevers brengen hun nieuwe boeken mee.",
            },
            "fr": {
                "title": "Fête de l'écriture et de la culture slaves",
                "summary": "Chaque 24 mai, jour des saints Cyrille et Méthode : chorales, lectures et salon du livre.",
                "venue": "Salle paroissiale Saints-Cyrille-et-Méthode",
                "city": "Liège",
                "body": "Depuis 2019, le réseau fête chaque année le jour de l'alphabet slave : les écoles exposent"
                " les travaux de leurs élèves, les chorales chantent et les éditeurs présentent leurs nouveautés.",
            },
            "ru": {
                "title": "Праздник славянской письменности и культуры",
                "summary": "Каждый год 24 мая, в день святых Кирилла и Мефодия: хоры, чтения и книжная ярмарка.",
                "venue": "Приходской зал святых Кирилла и Мефодия",
                "city": "Льеж",
                "body": "С 2019 года сеть ежегодно отмечает День славянской азбуки: школы показывают работы"
                " учеников, поют хоры, издатели привозят новые книги.",
            },
        },
    },
}

COLLECTION_ID = "collection-this-year"
COLLECTION = {
    "en": {"title": "Events and jubilees this year", "summary": "Everything the network celebrates this year."},
    "nl": {"title": "Activiteiten en jubilea dit jaar", "summary": "Alles wat het netwerk dit jaar viert."},
    "fr": {"title": "Événements et jubilés de l'année", "summary": "Tout ce que le réseau célèbre cette année."},
    "ru": {"title": "События и юбилеи этого года", "summary": "Всё, что сеть отмечает в этом году."},
}


def add_recurring_events():
    calendar = get_section(EventIndexPage, "en")
    for external_id, spec in RECURRING_EVENTS.items():
        fields = dict(spec["fields"])
        fields["recurrence"] = normalize_recurrence(fields["recurrence"], parse_time_zone(fields["time_zone"]))
        organisers = english_organisations(spec["organisers"])

        def build(page, spec=spec, organisers=organisers):
            changed = False
            if not page.body:
                page.body = [("paragraph", f"<p>{spec['body']}</p>")]
                changed = True
            if [link.organisation_id for link in page.organisers.all()] != [o.pk for o in organisers]:
                page.organisers = [EventOrganiser(organisation=o, sort_order=i) for i, o in enumerate(organisers)]
                changed = True
            return changed

        page, changed = ensure_source(calendar, EventPage, external_id, fields, build)
        changed |= enrich_source(page)
        translations = spec["translations"]
        sync_translations(
            page,
            changed,
            lambda code, translations=translations: {
                **translated_values(translations[code]),
                "body": [translations[code]["body"]],
            },
        )


def add_collections():
    """One "this year" collection of events and jubilees per language, translated from English."""
    event_and_jubilee_types = [ContentType.objects.get_for_model(model) for model in (EventPage, JubileePage)]

    def build(page):
        if {t.pk for t in page.page_types.all()} == {t.pk for t in event_and_jubilee_types}:
            return False
        page.page_types = event_and_jubilee_types
        return True

    fields = {**COLLECTION["en"], "date_window": DateWindow.THIS_YEAR, "sort_order": SortOrder.DATE}
    page, changed = ensure_source(get_home_page("en"), CollectionPage, COLLECTION_ID, fields, build)
    sync_translations(page, changed, lambda code: translated_values(COLLECTION[code]))


def add_listings():
    add_recurring_events()
    add_collections()
    add_cooperation()
