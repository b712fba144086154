"""The demo's heritage projects: their galleries and recognitions, in every language."""

from heritage.models import HeritageGalleryImage

from .images import compose_photo, demo_image

GALLERY_ALT = {
    "en": "Drawn landscape: {caption}",
    "nl": "Getekend landschap: {caption}",
    "fr": "Paysage dessiné : {caption}",
    "ru": "Рисованный пейзаж: {caption}",
}

GALLERIES = {
    "uccle-emigrant-graves": [
        {"en": "The emigrant section of Uccle cemetery in autumn",
         "nl": "Het emigrantenperk van de begraafplaats van Ukkel in de herfst",
         "fr": "Le carré des émigrés du cimetière d'Uccle en automne",
         "ru": "Эмигрантский участок кладбища Юккля осенью"},
        {"en": "A restored cross with its enamel portrait", "nl": "Een gerestaureerd kruis met zijn emaillen portret",
         "fr": "Une croix restaurée avec son portrait émaillé", "ru": "Отреставрированный крест с эмалевым портретом"},
        {"en": "Volunteers at work on a spring Saturday", "nl": "Vrijwilligers aan het werk op een zaterdag in de lente",
         "fr": "Des bénévoles à l'œuvre un samedi de printemps", "ru": "Волонтёры за работой весенней субботой"},
    ],
    "emigration-archives": [
        {"en": "A scanning session in the parish archive", "nl": "Een scansessie in het parochiearchief",
         "fr": "Une séance de numérisation aux archives de la paroisse", "ru": "Оцифровка в приходском архиве"},
        {"en": "Letters from the 1920s waiting to be described",
         "nl": "Brieven uit de jaren 1920 die op hun beschrijving wachten",
         "fr": "Des lettres des années 1920 en attente de description", "ru": "Письма 1920-х годов ждут описания"},
    ],
    "st-job-iconostasis": [
        {"ru": "Иконостас после реставрации", "en": "The iconostasis after restoration",
         "nl": "De iconostase na de restauratie", "fr": "L'iconostase après la restauration"},
        {"ru": "Реставратор за работой", "en": "A restorer at work", "nl": "Een restaurateur aan het werk",
         "fr": "Un restaurateur au travail"},
        {"ru": "Освящение обновлённого иконостаса, 2019 год", "en": "Consecration of the renewed iconostasis, 2019",
         "nl": "Inwijding van de vernieuwde iconostase, 2019", "fr": "Consécration de l'iconostase rénovée, 2019"},
    ],
    "partisan-graves": [
        {"en": "Flowers laid by schoolchildren in November", "nl": "Bloemen gelegd door schoolkinderen in november",
         "fr": "Des fleurs déposées par des écoliers en novembre", "ru": "Цветы, возложенные школьниками в ноябре"},
        {"en": "A village cemetery in the province of Liège", "nl": "Een dorpskerkhof in de provincie Luik",
         "fr": "Un cimetière de village dans la province de Liège", "ru": "Сельское кладбище в провинции Льеж"},
    ],
    "voices-oral-history": [
        {"en": "Recording an interview in Genk", "nl": "Opname van een interview in Genk",
         "fr": "Enregistrement d'un entretien à Genk", "ru": "Запись интервью в Генке"},
        {"en": "The editing desk at Volna web radio", "nl": "De montagetafel van webradio Volna",
         "fr": "La table de montage de la webradio Volna", "ru": "Монтажный стол веб-радио «Волна»"},
    ],
    "russian-brussels-routes": [
        {"en": "A memorial plaque on the Chaussée de Charleroi", "nl": "Een gedenkplaat aan de Charleroisesteenweg",
         "fr": "Une plaque commémorative sur la chaussée de Charleroi",
         "ru": "Мемориальная доска на Шоссе-де-Шарлеруа"},
        {"en": "Walkers on the Uccle route", "nl": "Wandelaars op de route door Ukkel",
         "fr": "Des promeneurs sur le parcours d'Uccle", "ru": "Участники прогулки по маршруту в Юккле"},
    ],
}  # fmt: skip

#: Each recognition's title and awarding body in every language; the year is the same in all.
RECOGNITIONS = {
    "uccle-emigrant-graves": [
        {
            "year": 2014,
            "en": ("Heritage Days laureate", "Brussels-Capital Region"),
            "nl": ("Laureaat van de Erfgoeddagen", "Brussels Hoofdstedelijk Gewest"),
            "fr": ("Lauréat des Journées du patrimoine", "Région de Bruxelles-Capitale"),
            "ru": ("Лауреат Дней наследия", "Брюссельский столичный регион"),
        },
        {
            "year": 2018,
            "en": ("Volunteer project of the year", "Belgian Federation of Russian-speaking Organisations"),
            "nl": ("Vrijwilligersproject van het jaar", "Belgische Federatie van Russischtalige Organisaties"),
            "fr": ("Projet bénévole de l'année", "Fédération belge des organisations russophones"),
            "ru": ("Волонтёрский проект года", "Бельгийская федерация русскоязычных организаций"),
        },
    ],
    "emigration-archives": [
        {
            "year": 2020,
            "en": ("Open archives award", "Association of Belgian archivists"),
            "nl": ("Prijs voor open archieven", "Vereniging van Belgische archivarissen"),
            "fr": ("Prix des archives ouvertes", "Association des archivistes belges"),
            "ru": ("Премия «Открытые архивы»", "Ассоциация бельгийских архивистов"),
        },
    ],
    "st-job-iconostasis": [
        {
            "year": 2019,
            "en": ("Certificate of gratitude for preserving church heritage", "Diocesan council"),
            "nl": ("Oorkonde van dank voor het behoud van kerkelijk erfgoed", "Diocesane raad"),
            "fr": ("Diplôme de reconnaissance pour la sauvegarde du patrimoine religieux", "Conseil diocésain"),
            "ru": ("Благодарственная грамота за сохранение церковного наследия", "Епархиальный совет"),
        },
    ],
    "partisan-graves": [
        {
            "year": 2021,
            "en": ("Citation for remembrance work", "Province of Liège"),
            "nl": ("Eervolle vermelding voor herinneringswerk", "Provincie Luik"),
            "fr": ("Mention pour le travail de mémoire", "Province de Liège"),
            "ru": ("Почётная грамота за работу по сохранению памяти", "Провинция Льеж"),
        },
    ],
    "russian-brussels-routes": [
        {
            "year": 2022,
            "en": ("Best new heritage walk", "Brussels Heritage Days"),
            "nl": ("Beste nieuwe erfgoedwandeling", "Brusselse Erfgoeddagen"),
            "fr": ("Meilleure nouvelle promenade patrimoniale", "Journées du patrimoine de Bruxelles"),
            "ru": ("Лучший новый маршрут по наследию", "Брюссельские дни наследия"),
        },
    ],
}


def recognition_texts(external_id, code):
    """``[{title, awarded_by}]`` of a project's recognitions in the language ``code``."""
    return [{"title": entry[code][0], "awarded_by": entry[code][1]} for entry in RECOGNITIONS.get(external_id, [])]


def set_gallery(page):
    code = page.locale.language_code
    rows = []
    for index, captions in enumerate(GALLERIES.get(page.external_id, []), start=1):
        key, caption = f"{page.external_id}-gallery-{index}", captions[code]
        image = demo_image(key, f"{captions['en']} (demo picture)", lambda key=key: compose_photo(key))
        rows.append((image.pk, GALLERY_ALT[code].format(caption=caption), caption))
    if [(item.image_id, item.alt_text, item.caption) for item in page.gallery_images.all()] == rows:
        return False
    page.gallery_images = [
        # The locale given here, not left to a save: the import writes new galleries in bulk, without one.
        HeritageGalleryImage(image_id=image_id, alt_text=alt, caption=caption, sort_order=index, locale=page.locale)
        for index, (image_id, alt, caption) in enumerate(rows)
    ]
    return True


def gallery_texts(page, code):
    """The translated captions and alternative texts of ``page``'s gallery in ``code``."""
    return [
        {"caption": captions[code], "alt_text": GALLERY_ALT[code].format(caption=captions[code])}
        for captions in GALLERIES.get(page.external_id, [])
    ]


def heritage_texts(page, code):
    """A heritage project's gallery captions and recognitions in ``code``, for its translation."""
    values = {}
    if page.external_id in GALLERIES:
        values["gallery_images"] = gallery_texts(page, code)
    if page.external_id in RECOGNITIONS:
        values["recognitions"] = recognition_texts(page.external_id, code)
    return values


def set_recognitions(page):
    wanted = [
        {**texts, "year": entry["year"]}
        for texts, entry in zip(
            recognition_texts(page.external_id, page.locale.language_code),
            RECOGNITIONS.get(page.external_id, []),
            strict=True,
        )
    ]
    if [dict(block.value) for block in page.recognitions] == wanted:
        return False
    page.recognitions = [("recognition", value) for value in wanted]
    return True
