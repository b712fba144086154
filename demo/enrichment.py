"""What the demo adds after importing ``content.jsonl``.

The interchange format carries text, dates and relations; pictures, a council's
term, heritage galleries and recognitions, jubilee events, menus and the home
pages' introductions have no place in it. They are added here to the source
pages and reach the translations through wagtail-localize, like an editor's
change followed by a translator's sync. Every step compares before it writes,
so running the demo loader again changes nothing.
"""

import datetime
from functools import partial

from wagtail.blocks import StreamValue
from wagtail.models import Locale

from core.registry import content_types
from events.models import EventIndexPage, EventPage
from heritage.models import HeritageIndexPage, HeritageProjectPage
from home.models import HomePage
from home.sections import get_home_page, get_section
from interchange.bulk_import import ImportExtension
from jubilees.models import JubileeEvent, JubileeIndexPage, JubileePage
from localisation.slugs import slug_from_title
from localisation.translation import translate_page, translation_source_for
from organisations.models import OrganisationIndexPage, OrganisationPage

from .heritage import heritage_texts, set_gallery, set_recognitions
from .images import compose_logo, compose_poster, demo_image
from .new_translations import never_translated, translate_new

SITE_NAMES = {"en": "Compatriots", "nl": "Landgenoten", "fr": "Compatriotes", "ru": "Соотечественники"}

HOME_INTRODUCTIONS = {
    "en": (
        "Compatriots brings together the Russian-speaking organisations of Belgium, more than fifty associations,"
        " schools, choirs, parishes and foundations, and their friends in other countries. Find an organisation"
        " near you, come to a concert or a Maslenitsa fair, and discover the heritage the community has looked"
        " after for a hundred years."
    ),
    "nl": (
        "Landgenoten brengt de Russischtalige organisaties van België samen: meer dan vijftig verenigingen,"
        " scholen, koren, parochies en stichtingen, en hun vrienden in andere landen. Zoek een organisatie bij u"
        " in de buurt, kom naar een concert of een Masljenitsafeest en ontdek het erfgoed dat de gemeenschap al"
        " honderd jaar koestert."
    ),
    "fr": (
        "Compatriotes réunit les organisations russophones de Belgique – plus de cinquante associations, écoles,"
        " chorales, paroisses et fondations – et leurs amis à l'étranger. Trouvez une organisation près de chez"
        " vous, venez à un concert ou à la fête de Maslenitsa, et découvrez le patrimoine que la communauté"
        " préserve depuis un siècle."
    ),
    "ru": (
        "«Соотечественники» объединяют русскоязычные организации Бельгии — больше пятидесяти обществ, школ,"
        " хоров, приходов и фондов — и их друзей в других странах. Найдите организацию рядом с домом, приходите"
        " на концерт или на Масленицу и откройте для себя наследие, которое община бережёт уже сто лет."
    ),
}

#: Alternative text of the generated pictures, which show the page's title over an abstract composition.
# The pictures carry no text, so one picture serves every language; only its description is translated.
POSTER_ALT = {
    "en": "Abstract poster for “{title}”: coloured discs and an embroidered border",
    "nl": "Abstracte affiche voor ‘{title}’: gekleurde schijven en een geborduurde rand",
    "fr": "Affiche abstraite pour « {title} » : disques colorés et bordure brodée",
    "ru": "Абстрактная афиша к «{title}»: цветные круги и вышитый узор",
}
ILLUSTRATION_ALT = {
    "en": "Abstract illustration for “{title}”: coloured discs and an embroidered border",
    "nl": "Abstracte illustratie bij ‘{title}’: gekleurde schijven en een geborduurde rand",
    "fr": "Illustration abstraite pour « {title} » : disques colorés et bordure brodée",
    "ru": "Абстрактная иллюстрация к «{title}»: цветные круги и вышитый узор",
}

COUNCIL_ID = "coordination-council"
COUNCIL_TERM = {"term_years": 3, "term_start": datetime.date(2025, 3, 15)}

#: Plain pages shown in the main navigation next to the sections.
MENU_PAGE_IDS = ("about-network", "contacts")

#: Heritage galleries: each photograph's caption in every language (the
#: project's own language is its source's; the others are its translations).
JUBILEE_EVENTS = {
    "union-soviet-citizens-70": ["union-70-gala-evening"],
    "federation-10": ["federation-forum-2019"],
    "union-soviet-citizens-80": ["union-80-gala-concert"],
    "kolokola-choir-50": ["kolokola-50-concert"],
    "pushkin-fund-30": ["pushkin-day-2027"],
}


#: Section pages in menu order, with their names in the other languages.
SECTION_NAMES = {
    OrganisationIndexPage: {"nl": "Organisaties", "fr": "Organisations", "ru": "Организации"},
    EventIndexPage: {"nl": "Activiteiten", "fr": "Événements", "ru": "События"},
    JubileeIndexPage: {"nl": "Jubilea", "fr": "Jubilés", "ru": "Юбилеи"},
    HeritageIndexPage: {"nl": "Erfgoed", "fr": "Patrimoine", "ru": "Наследие"},
}


def _publish(page):
    page.save_revision().publish()


def _alt(page, language_code, title):
    templates = POSTER_ALT if isinstance(page, EventPage) else ILLUSTRATION_ALT
    return templates[language_code].format(title=title)


def _main_image(page):
    key = page.external_id or f"home-{page.locale.language_code}"
    return demo_image(key, f"{page.title} (demo picture)", lambda: compose_poster(key))


def _wanted_fields(page):
    """Field values the source page should have beyond what the import gave it."""
    wanted = {}
    if page.body or isinstance(page, HomePage):
        wanted["image_id"] = _main_image(page).pk
        wanted["image_alt"] = _alt(page, page.locale.language_code, page.title)
    if isinstance(page, HomePage):
        wanted["introduction"] = HOME_INTRODUCTIONS[page.locale.language_code]
    if isinstance(page, OrganisationPage) and page.body:
        key = f"{page.external_id}-logo"
        wanted["logo_id"] = demo_image(key, f"{page.title}: emblem (demo picture)", lambda: compose_logo(key)).pk
    if page.external_id == COUNCIL_ID:
        wanted.update(COUNCIL_TERM)
    if page.external_id in MENU_PAGE_IDS or type(page) in SECTION_NAMES:
        wanted["show_in_menus"] = True
    return wanted


def enrich_source(page):
    """Give a source page what the interchange file cannot carry; return whether it changed."""
    changed = False
    for name, value in _wanted_fields(page).items():
        if getattr(page, name) != value:
            setattr(page, name, value)
            changed = True
    if isinstance(page, HeritageProjectPage):
        changed |= set_gallery(page)
        changed |= set_recognitions(page)
    if isinstance(page, JubileePage):
        changed |= _set_jubilee_events(page)
    if changed:
        _publish(page)
    return changed


def _set_jubilee_events(page):
    events = list(
        EventPage.objects.filter(external_id__in=JUBILEE_EVENTS.get(page.external_id, []), locale=page.locale)
    )
    if [link.event_id for link in page.jubilee_events.all()] == [event.pk for event in events]:
        return False
    page.jubilee_events = [JubileeEvent(event=event, sort_order=index) for index, event in enumerate(events)]
    return True


def sync_translations(source, source_changed, values_for=None):
    """Bring each translation up to date with its source, with its own alternative text.

    ``values_for(language_code)`` gives further translated values (a title, an
    introduction). A translation is left alone when it already shows them and
    the source did not change. A page never translated gets all its translations
    at once (:mod:`demo.new_translations`).
    """
    locales = Locale.objects.exclude(pk=source.locale_id).order_by("language_code")
    if never_translated(source):
        translate_new(source, [(locale, _translated_values(source, locale, None, values_for)) for locale in locales])
        return
    record = None  # the source's wagtail-localize record, refreshed once for all its translations
    for locale in locales:
        current = source.get_translation_or_none(locale)
        current = current.specific if current else None
        values = _translated_values(source, locale, current, values_for)
        up_to_date = (
            current is not None
            and current.image_id == source.image_id
            and current.show_in_menus == source.show_in_menus
            # Body paragraphs are rich text in the page: they are sent again only when the source changed.
            and all(_shows(current, name, value) for name, value in values.items() if name != "body")
        )
        if up_to_date and not source_changed:
            continue
        # Tags are a child relation, which wagtail-localize copies from the source: keep the translated ones.
        translated_tags = sorted(tag.name for tag in current.tags.all()) if current else None
        record = record or translation_source_for(source)
        translated = translate_page(source, locale, values, publish=False, translation_source=record)
        if translated_tags is not None and sorted(tag.name for tag in translated.tags.all()) != translated_tags:
            translated.tags.set(translated_tags, clear=True)
            translated.save_revision()
        # Published here: wagtail-localize would defer publishing to the end of the transaction.
        translated.get_latest_revision().publish()


def _translated_values(source, locale, current, values_for):
    code = locale.language_code
    values = values_for(code) if values_for else {}
    if source.image_id:
        values["image_alt"] = _alt(source, code, values.get("title") or (current or source).title)
    return values


def _shows(page, name, value):
    """Whether ``page`` already shows ``value`` in the field ``name``, or in the
    children of the relation or the blocks of the StreamField ``name`` (a list
    of ``{field: text}``, in order)."""
    if not isinstance(value, list):
        return getattr(page, name) == value
    current = getattr(page, name)
    if isinstance(current, StreamValue):
        children = [dict(block.value) for block in current]
    else:
        children = [vars(child) for child in current.all()]
    if len(children) != len(value):
        return False
    return all(
        child.get(field) == text for child, texts in zip(children, value, strict=True) for field, text in texts.items()
    )


class DemoExtension(ImportExtension):
    """The enrichment of :func:`enrich_source` and :func:`sync_translations`, given to the import's new pages.

    The import then writes each demo page with its pictures, galleries and
    recognitions in its first revision, and its translations with their
    translated texts, in its batches: :func:`enrich_content` afterwards finds
    them up to date.
    """

    def source_fields(self, page, item):
        for name, value in _wanted_fields(page).items():
            setattr(page, name, value)
        if isinstance(page, HeritageProjectPage):
            set_recognitions(page)

    def source_relations(self, page, item):
        if isinstance(page, HeritageProjectPage):
            set_gallery(page)
        if isinstance(page, JubileePage):
            _set_jubilee_events(page)

    def translated_values(self, source, item):
        code = item["locale"]
        values = heritage_texts(source, code) if isinstance(source, HeritageProjectPage) else {}
        if source.image_id:
            values["image_alt"] = _alt(source, code, item["title"])
        return values


def enrich_home_pages():
    english_home = get_home_page("en")
    for code in HOME_INTRODUCTIONS:
        get_home_page(code)
    sync_translations(
        english_home,
        enrich_source(english_home),
        lambda code: {"title": SITE_NAMES[code], "introduction": HOME_INTRODUCTIONS[code]},
    )


def enrich_sections():
    """Every language's section pages, in menu order, named and slugged in their language."""
    for section_model, names in SECTION_NAMES.items():
        section = get_section(section_model, "en")
        sync_translations(
            section,
            enrich_source(section),
            lambda code, names=names: {"title": names[code], "slug": slug_from_title(names[code])},
        )


def enrich_content(source_locales):
    """Enrich the source page of every demo item (``{id: language code}``), then its translations."""
    for model in content_types().models():
        pages = model.objects.filter(external_id__in=source_locales).select_related("locale").order_by("path")
        for page in pages:
            if source_locales[page.external_id] == page.locale.language_code:
                values_for = heritage_texts if isinstance(page, HeritageProjectPage) else None
                sync_translations(page, enrich_source(page), values_for and partial(values_for, page))
