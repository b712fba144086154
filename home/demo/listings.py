"""Demo pages the interchange file has no type for: recurring events, collections, cooperation protocols.

They are built here as English source pages and translated with wagtail-localize
(``sync_translations``), like the rest of the demo. Each step compares before it
writes, so running the demo loader again changes nothing.
"""

import datetime
import zoneinfo

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Locale

from cooperation.models import CooperationIndexPage, CooperationParty, CooperationProtocolPage, JointActivity
from events.models import EventCategory, EventIndexPage, EventOrganiser, EventPage, parse_time_zone
from events.recurrence import normalize_recurrence
from heritage.models import HeritageProjectPage
from home.sections import get_home_page, get_section, slug_from_title
from listings.models import CollectionPage, DateWindow, SortOrder
from organisations.models import JubileePage, OrganisationPage

from .enrichment import enrich_source, sync_translations

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

COOPERATION_ID = "cooperation-index"
COOPERATION_INDEX = {
    "en": {
        "title": "Cooperation protocols",
        "summary": "Every year the council, the federation and their partners sign a protocol listing the projects they will carry out together.",
        "body": "The protocol is agreed at the council's spring meeting. It names each joint project, the organisations responsible and the partners who support it, and it is reviewed at the end of the year.",
    },
    "nl": {
        "title": "Samenwerkingsprotocollen",
        "summary": "Elk jaar ondertekenen de raad, de federatie en hun partners een protocol met de projecten die ze samen zullen uitvoeren.",
        "body": "Het protocol wordt goedgekeurd op de voorjaarsvergadering van de raad. Het vermeldt elk gezamenlijk project, de verantwoordelijke organisaties en de partners die het steunen, en wordt op het einde van het jaar geëvalueerd.",
    },
    "fr": {
        "title": "Protocoles de coopération",
        "summary": "Chaque année, le conseil, la fédération et leurs partenaires signent un protocole qui énumère les projets qu'ils mèneront ensemble.",
        "body": "Le protocole est adopté lors de la réunion de printemps du conseil. Il cite chaque projet commun, les organisations qui en ont la charge et les partenaires qui le soutiennent ; un bilan en est dressé en fin d'année.",
    },
    "ru": {
        "title": "Протоколы о сотрудничестве",
        "summary": "Каждый год совет, федерация и их партнёры подписывают протокол со списком проектов, которые они проведут вместе.",
        "body": "Протокол утверждают на весеннем заседании совета. В нём названы все совместные проекты, ответственные организации и поддерживающие их партнёры; в конце года подводятся итоги.",
    },
}
PROTOCOL_TITLES = {"en": "Protocol {year}", "nl": "Protocol {year}", "fr": "Protocole {year}", "ru": "Протокол {year}"}
PROTOCOL_SUMMARIES = {
    "en": "{planned} joint activities planned by {parties} organisations.",
    "nl": "{planned} gezamenlijke activiteiten gepland door {parties} organisaties.",
    "fr": "{planned} activités communes prévues par {parties} organisations.",
    "ru": "{planned} совместных мероприятий, запланированных {parties} организациями.",
}

#: Per year: activities planned and carried out, signing parties, and activities done as a demo event or project.
PROTOCOLS = {
    2016: {
        "planned": 116,
        "carried_out": 104,
        "parties": [
            "coordination-council",
            "belgian-federation",
            "union-soviet-citizens",
            "rcsc-brussels",
            "st-job-parish",
            "rodnaya-rech-school",
            "kolokola-choir",
        ],
        "linked": ["union-70-gala-evening", "uccle-emigrant-graves", "emigration-archives"],
    },
    2017: {
        "planned": 118,
        "carried_out": 101,
        "parties": [
            "coordination-council",
            "belgian-federation",
            "union-soviet-citizens",
            "rcsc-brussels",
            "pushkin-fund",
            "tolstoy-society",
            "berezka-ensemble",
            "resistance-memory",
        ],
        "linked": ["st-job-iconostasis", "partisan-graves"],
    },
    2018: {
        "planned": 124,
        "carried_out": 109,
        "parties": [
            "coordination-council",
            "belgian-federation",
            "union-soviet-citizens",
            "rcsc-brussels",
            "pushkin-fund",
            "matryoshka-school",
            "chekhov-studio-theatre",
            "volna-web-radio",
            "antwerp-russian-library",
        ],
        "linked": ["uccle-remembrance-2018", "voices-oral-history", "russian-brussels-routes"],
    },
}

#: Organisations that sign the later protocols, a few of them each year in turn.
LATER_PARTIES = (
    "coordination-council",
    "belgian-federation",
    "union-soviet-citizens",
    "rcsc-brussels",
    "pushkin-fund",
    "matryoshka-school",
    "rodnaya-rech-school",
    "kolokola-choir",
    "tolstoy-society",
    "chekhov-studio-theatre",
)


def later_protocols(last_year):
    """Smaller plans for 2019 up to ``last_year``, so that the cooperation pages reach the present.

    The year in progress has fewer activities carried out; the figures vary from
    year to year by a fixed rule, so that running the loader again changes nothing.
    """
    plans = {}
    for year in range(2019, last_year + 1):
        planned = 30 + (year * 7) % 13
        if planned % 37 == 0:  # _wanted_activities spreads the undone ones with steps of 37
            planned += 1
        carried_out = planned - 3 - year % 5
        if year == last_year:
            carried_out = planned * 2 // 3
        first = year % 4
        parties = LATER_PARTIES[:4] + LATER_PARTIES[4 + first : 7 + first]
        plans[year] = {"planned": planned, "carried_out": carried_out, "parties": list(parties), "linked": []}
    return plans


#: What the planned activities were, in each language (``ACTIVITY_KINDS[i][code]``).
ACTIVITY_KINDS = (
    {"en": "Joint concert of children's choirs", "nl": "Gezamenlijk concert van kinderkoren",
     "fr": "Concert commun de chorales d'enfants", "ru": "Совместный концерт детских хоров"},
    {"en": "Russian-language reading hour for children", "nl": "Russischtalig voorleesuur voor kinderen",
     "fr": "Heure du conte en russe pour les enfants", "ru": "Час чтения на русском языке для детей"},
    {"en": "Lecture evening on Russian literature", "nl": "Lezingenavond over Russische literatuur",
     "fr": "Soirée de conférences sur la littérature russe", "ru": "Лекционный вечер о русской литературе"},
    {"en": "Exhibition of pupils' drawings", "nl": "Tentoonstelling van leerlingentekeningen",
     "fr": "Exposition de dessins d'élèves", "ru": "Выставка детских рисунков"},
    {"en": "Remembrance ceremony at a war cemetery", "nl": "Herdenkingsplechtigheid op een oorlogsbegraafplaats",
     "fr": "Cérémonie du souvenir dans un cimetière militaire", "ru": "Памятная церемония на военном кладбище"},
    {"en": "Russian film evening", "nl": "Russische filmavond", "fr": "Soirée de cinéma russe",
     "ru": "Вечер российского кино"},
    {"en": "Folk dance workshop", "nl": "Workshop volksdans", "fr": "Atelier de danse folklorique",
     "ru": "Мастер-класс народного танца"},
    {"en": "Open chess tournament", "nl": "Open schaaktoernooi", "fr": "Tournoi d'échecs ouvert",
     "ru": "Открытый шахматный турнир"},
    {"en": "Poetry evening", "nl": "Poëzieavond", "fr": "Soirée de poésie", "ru": "Поэтический вечер"},
    {"en": "Theatre performance for families", "nl": "Theatervoorstelling voor gezinnen",
     "fr": "Spectacle de théâtre pour les familles", "ru": "Театральный спектакль для всей семьи"},
    {"en": "Russian language olympiad", "nl": "Olympiade Russische taal", "fr": "Olympiade de langue russe",
     "ru": "Олимпиада по русскому языку"},
    {"en": "Teachers' seminar of the Saturday schools", "nl": "Seminarie voor leerkrachten van de zaterdagscholen",
     "fr": "Séminaire des enseignants des écoles du samedi", "ru": "Семинар учителей субботних школ"},
    {"en": "Maslenitsa fair", "nl": "Maslenitsa-markt", "fr": "Foire de Maslenitsa", "ru": "Масленичная ярмарка"},
    {"en": "Summer camp for bilingual children", "nl": "Zomerkamp voor tweetalige kinderen",
     "fr": "Camp d'été pour enfants bilingues", "ru": "Летний лагерь для детей-билингвов"},
    {"en": "Round table with municipal partners", "nl": "Rondetafel met gemeentelijke partners",
     "fr": "Table ronde avec les partenaires communaux", "ru": "Круглый стол с муниципальными партнёрами"},
)  # fmt: skip
ACTIVITY_CITIES = {
    "en": ("Brussels", "Antwerp", "Ghent", "Liège", "Bruges", "Namur", "Charleroi", "Mons", "Leuven", "Ostend"),
    "nl": ("Brussel", "Antwerpen", "Gent", "Luik", "Brugge", "Namen", "Charleroi", "Bergen", "Leuven", "Oostende"),
    "fr": ("Bruxelles", "Anvers", "Gand", "Liège", "Bruges", "Namur", "Charleroi", "Mons", "Louvain", "Ostende"),
    "ru": ("Брюссель", "Антверпен", "Гент", "Льеж", "Брюгге", "Намюр", "Шарлеруа", "Монс", "Лёвен", "Остенде"),
}
MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "ru": ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
           "ноябрь", "декабрь"),
}  # fmt: skip


def _linked_pages(plan):
    """The English event or heritage project of each of ``plan``'s linked activities."""
    return [
        EventPage.objects.filter(external_id=external_id, locale__language_code="en").first()
        or HeritageProjectPage.objects.get(external_id=external_id, locale__language_code="en")
        for external_id in plan["linked"]
    ]


def _wanted_activities(year, plan):
    """(title, linked page id, carried out) of each planned activity, the same at every run.

    The ones left undone are spread over the year: ``(index * 37 - 1) % planned``
    takes every value below ``planned`` once (37 is prime to the counts), so
    exactly the right number is left out; the first few, linked to a demo event
    or project, all land above ``not_done`` and count as carried out.
    """
    linked = [page.pk for page in _linked_pages(plan)]
    not_done = plan["planned"] - plan["carried_out"]
    titles = _activity_titles(year, plan, "en")
    return [
        (title, linked[index] if index < len(linked) else None, (index * 37 - 1) % plan["planned"] >= not_done)
        for index, title in enumerate(titles)
    ]


def _activity_titles(year, plan, code):
    """Each planned activity's title in the language ``code``: a linked page's
    title in that language (the English one while it has no translation), the
    others composed from a kind, a city and a month."""
    locale = Locale.objects.get(language_code=code)
    titles = [(page.get_translation_or_none(locale) or page).title for page in _linked_pages(plan)]
    for index in range(len(titles), plan["planned"]):
        kind = ACTIVITY_KINDS[index % len(ACTIVITY_KINDS)][code]
        city = ACTIVITY_CITIES[code][(index * 3 + year) % len(ACTIVITY_CITIES[code])]
        titles.append(f"{kind}, {city}, {MONTHS[code][index % 12]} {year}")
    return titles


def _organisations(external_ids):
    by_id = {
        page.external_id: page
        for page in OrganisationPage.objects.filter(external_id__in=external_ids, locale__language_code="en")
    }
    return [by_id[external_id] for external_id in external_ids]


def _ensure_source(parent, model, external_id, fields, build=None):
    """The English source page ``external_id`` under ``parent`` with ``fields``; (page, whether it changed).

    ``build(page)`` sets what only a new page gets (its body) or relations; it
    returns whether it changed anything.
    """
    page = model.objects.filter(external_id=external_id, locale=parent.locale).first()
    if page is None:
        page = model(external_id=external_id, slug=slug_from_title(fields["title"]), **fields)
        if build:
            build(page)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page, True
    changed = False
    for name, value in fields.items():
        if getattr(page, name) != value:
            setattr(page, name, value)
            changed = True
    if build:
        changed |= build(page)
    if changed:
        page.save_revision().publish()
    return page, changed


def _translated_values(texts):
    return {**texts, "slug": slug_from_title(texts["title"])}


def add_recurring_events():
    calendar = get_section(EventIndexPage, "en")
    for external_id, spec in RECURRING_EVENTS.items():
        fields = dict(spec["fields"])
        fields["recurrence"] = normalize_recurrence(fields["recurrence"], parse_time_zone(fields["time_zone"]))
        organisers = _organisations(spec["organisers"])

        def build(page, spec=spec, organisers=organisers):
            changed = False
            if not page.body:
                page.body = [("paragraph", f"<p>{spec['body']}</p>")]
                changed = True
            if [link.organisation_id for link in page.organisers.all()] != [o.pk for o in organisers]:
                page.organisers = [EventOrganiser(organisation=o, sort_order=i) for i, o in enumerate(organisers)]
                changed = True
            return changed

        page, changed = _ensure_source(calendar, EventPage, external_id, fields, build)
        changed |= enrich_source(page)
        translations = spec["translations"]
        sync_translations(
            page,
            changed,
            lambda code, translations=translations: {
                **_translated_values(translations[code]),
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
    page, changed = _ensure_source(get_home_page("en"), CollectionPage, COLLECTION_ID, fields, build)
    sync_translations(page, changed, lambda code: _translated_values(COLLECTION[code]))


def add_cooperation():
    """The protocols from 2016 to the current year under a cooperation index, in every language."""

    def build_index(page):
        if page.body:
            return False
        page.body = [("paragraph", f"<p>{COOPERATION_INDEX['en']['body']}</p>")]
        return True

    fields = {"title": COOPERATION_INDEX["en"]["title"], "summary": COOPERATION_INDEX["en"]["summary"]}
    index, changed = _ensure_source(
        get_home_page("en"), CooperationIndexPage, COOPERATION_ID, {**fields, "show_in_menus": True}, build_index
    )
    sync_translations(
        index,
        changed,
        lambda code: {**_translated_values(COOPERATION_INDEX[code]), "body": [COOPERATION_INDEX[code]["body"]]},
    )
    for year, plan in {**PROTOCOLS, **later_protocols(timezone.localdate().year)}.items():
        parties = _organisations(plan["parties"])
        activities = _wanted_activities(year, plan)

        def build(page, parties=parties, activities=activities):
            changed = False
            if [party.organisation_id for party in page.parties.all()] != [o.pk for o in parties]:
                page.parties = [CooperationParty(organisation=o, sort_order=i) for i, o in enumerate(parties)]
                changed = True
            current = [(a.title, a.linked_page_id, a.carried_out) for a in page.activities.all()]
            if current != activities:
                page.activities = [
                    JointActivity(title=title, linked_page_id=linked, carried_out=done, sort_order=i)
                    for i, (title, linked, done) in enumerate(activities)
                ]
                changed = True
            return changed

        def texts(code, year=year, plan=plan):
            return {
                "title": PROTOCOL_TITLES[code].format(year=year),
                "summary": PROTOCOL_SUMMARIES[code].format(planned=plan["planned"], parties=len(plan["parties"])),
            }

        def translated(code, year=year, plan=plan, texts=texts):
            titles = _activity_titles(year, plan, code)
            return {**_translated_values(texts(code)), "activities": [{"title": title} for title in titles]}

        fields = {**texts("en"), "year": year, "signed_on": datetime.date(year - 1, 12, 12)}
        protocol, changed = _ensure_source(index, CooperationProtocolPage, f"cooperation-{year}", fields, build)
        sync_translations(protocol, changed, translated)


def add_listings():
    add_recurring_events()
    add_collections()
    add_cooperation()
