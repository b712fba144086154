"""Demo pages visitors take part through: an event they register for, a contact form, a membership application.

The event is a lecture on Cosmonautics Day (12 April), always the next one at
least two weeks ahead, so the demo always has an upcoming event open for
registration. It has a few places, most already taken by demo registrants
(example.org addresses), so that a visitor trying it gets the last place and
the next one goes to the waiting list. The two form pages sit under each
language's home page. Everything is built as an English source page and
translated, and each step compares before it writes: running the loader again
on the same day changes nothing.
"""

import datetime
import zoneinfo

from django.utils import timezone

from events.models import EventCategory, EventIndexPage, EventOrganiser, EventPage
from home.sections import get_section
from registrations.registrant import Registrant, RegistrationStatus

from .enrichment import enrich_source, sync_translations
from .sources import english_organisations, ensure_source, translated_values

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")

EVENT_ID = "cosmonautics-day-lecture"
#: Places of the lecture, and how many the demo registrants already took.
PLACES, TAKEN = 12, 11
EVENT_TEXTS = {
    "en": {
        "title": "Cosmonautics Day lecture: the first flight",
        "summary": "An evening on Yuri Gagarin's flight of 12 April 1961, with archive films. Places are limited:"
        " register on this page.",
        "venue": "Russian Centre of Science and Culture",
        "city": "Brussels",
        "body": "A historian of the space age tells the story of Vostok 1 and of the engineers behind it; the"
        " evening ends with films from the archives and questions from the audience.",
    },
    "nl": {
        "title": "Lezing op de Dag van de Kosmonautiek: de eerste vlucht",
        "summary": "Een avond over de vlucht van Joeri Gagarin op 12 april 1961, met archieffilms. De plaatsen"
        " zijn beperkt: schrijf u in op deze pagina.",
        "venue": "Russisch Centrum voor Wetenschap en Cultuur",
        "city": "Brussel",
        "body": "Een historicus van het ruimtevaarttijdperk vertelt over Vostok 1 en de ingenieurs erachter; de"
        " avond eindigt met archieffilms en vragen uit de zaal.",
    },
    "fr": {
        "title": "Conférence de la Journée de la cosmonautique : le premier vol",
        "summary": "Une soirée sur le vol de Youri Gagarine du 12 avril 1961, avec des films d'archives. Les"
        " places sont limitées : inscrivez-vous sur cette page.",
        "venue": "Centre russe de la science et de la culture",
        "city": "Bruxelles",
        "body": "Un historien de l'ère spatiale raconte Vostok 1 et les ingénieurs qui l'ont rendu possible ; la"
        " soirée se termine par des films d'archives et les questions du public.",
    },
    "ru": {
        "title": "Лекция ко Дню космонавтики: первый полёт",
        "summary": "Вечер о полёте Юрия Гагарина 12 апреля 1961 года, с архивными фильмами. Мест немного:"
        " записывайтесь на этой странице.",
        "venue": "Российский центр науки и культуры",
        "city": "Брюссель",
        "body": "Историк космической эпохи рассказывает о «Востоке-1» и инженерах, которые его создали; в конце"
        " вечера — архивные фильмы и вопросы из зала.",
    },
}

#: The demo registrants (fictional people at example.org).
REGISTRANT_NAMES = [
    "Anna Petrova",
    "Boris Ivanov",
    "Claire Dubois",
    "Dmitri Sokolov",
    "Els Janssens",
    "Fyodor Orlov",
    "Galina Smirnova",
    "Hendrik Peeters",
    "Irina Volkova",
    "Jan De Smet",
    "Ksenia Morozova",
]


def lecture_day(today):
    """The next 12 April at least fourteen days after ``today``."""
    day = datetime.date(today.year, 4, 12)
    return day if day - today >= datetime.timedelta(days=14) else datetime.date(today.year + 1, 4, 12)


def add_registration_event():
    day = lecture_day(timezone.localdate())
    texts = EVENT_TEXTS["en"]
    fields = {
        "title": texts["title"],
        "summary": texts["summary"],
        "venue": texts["venue"],
        "city": texts["city"],
        "country": "BE",
        "start": datetime.datetime.combine(day, datetime.time(19), tzinfo=BRUSSELS),
        "end": datetime.datetime.combine(day, datetime.time(21, 30), tzinfo=BRUSSELS),
        "time_zone": "Europe/Brussels",
        "category": EventCategory.LECTURE,
        "registration_enabled": True,
        "registration_capacity": PLACES,
        "registration_waiting_list": True,
    }
    organisers = english_organisations(["rcsc-brussels"])

    def build(page):
        changed = False
        if not page.body:
            page.body = [("paragraph", f"<p>{texts['body']}</p>")]
            changed = True
        if [link.organisation_id for link in page.organisers.all()] != [o.pk for o in organisers]:
            page.organisers = [EventOrganiser(organisation=o, sort_order=i) for i, o in enumerate(organisers)]
            changed = True
        return changed

    page, changed = ensure_source(get_section(EventIndexPage, "en"), EventPage, EVENT_ID, fields, build)
    changed |= enrich_source(page)
    sync_translations(
        page,
        changed,
        lambda code: {
            **translated_values({name: EVENT_TEXTS[code][name] for name in ("title", "summary", "venue", "city")}),
            "body": [EVENT_TEXTS[code]["body"]],
        },
    )
    if not page.registrations().exists():
        # Stored directly: the demo sends no confirmation e-mails.
        Registrant.objects.bulk_create(
            Registrant(
                page=page,
                event_key=page.translation_key,
                name=name,
                email=name.lower().replace(" ", ".") + "@example.org",
                status=RegistrationStatus.CONFIRMED,
                language_code="en",
            )
            for name in REGISTRANT_NAMES[:TAKEN]
        )
    return page
