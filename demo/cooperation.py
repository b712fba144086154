"""The demo's cooperation protocols, 2016 to the current year, and their joint activities.

Built as English source pages and translated with wagtail-localize
(``sync_translations``), like the rest of the demo; running the loader again
changes nothing.
"""

import datetime

from django.utils import timezone
from wagtail.models import Locale

from cooperation.models import CooperationIndexPage, CooperationParty, CooperationProtocolPage, JointActivity
from events.models import EventPage
from heritage.models import HeritageProjectPage
from home.sections import get_home_page

from .enrichment import sync_translations
from .sources import english_organisations, ensure_source, translated_values

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


def add_cooperation():
    """The protocols from 2016 to the current year under a cooperation index, in every language."""

    def build_index(page):
        if page.body:
            return False
        page.body = [("paragraph", f"<p>{COOPERATION_INDEX['en']['body']}</p>")]
        return True

    fields = {"title": COOPERATION_INDEX["en"]["title"], "summary": COOPERATION_INDEX["en"]["summary"]}
    index, changed = ensure_source(
        get_home_page("en"), CooperationIndexPage, COOPERATION_ID, {**fields, "show_in_menus": True}, build_index
    )
    sync_translations(
        index,
        changed,
        lambda code: {**translated_values(COOPERATION_INDEX[code]), "body": [COOPERATION_INDEX[code]["body"]]},
    )
    for year, plan in {**PROTOCOLS, **later_protocols(timezone.localdate().year)}.items():
        parties = english_organisations(plan["parties"])
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
            return {**translated_values(texts(code)), "activities": [{"title": title} for title in titles]}

        fields = {**texts("en"), "year": year, "signed_on": datetime.date(year - 1, 12, 12)}
        protocol, changed = ensure_source(index, CooperationProtocolPage, f"cooperation-{year}", fields, build)
        sync_translations(protocol, changed, translated)
