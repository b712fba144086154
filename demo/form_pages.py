"""The demo's form pages, under each language's home page: a contact form and a membership application.

Built as English source pages with their fields and translated with
wagtail-localize like the rest of the demo (the fields' labels and help texts
too). Both are in the menu and the footer of every language. The notification
goes to the council's demo address; the submissions are listed under Forms in
the admin.
"""

from forms.models import FormField, FormPage
from home.sections import get_home_page

from .enrichment import sync_translations
from .sources import ensure_source, translated_values

TO_ADDRESS = "council@compatriots.example.org"
FROM_ADDRESS = "site@compatriots.example.org"

#: (field type, required, English label, English help text) of each form's fields.
FIELDS = {
    "contact-form": [
        ("singleline", True, "Your name", ""),
        ("email", True, "Your e-mail address", "We answer at this address."),
        ("multiline", True, "Your message", ""),
    ],
    "membership-application": [
        ("singleline", True, "Name of the organisation", ""),
        ("singleline", True, "City", ""),
        ("number", False, "Number of members", ""),
        ("singleline", True, "Contact person", ""),
        ("email", True, "E-mail address", "The council writes to this address about the application."),
        ("multiline", True, "About the organisation", "What it does, since when, and why it wants to join."),
    ],
}

#: Per form and language: title, summary, then the fields' (label, help text) in the order of FIELDS.
TEXTS = {
    "contact-form": {
        "en": ("Write to the council", "Questions, proposals, events to announce: the coordination council answers."),
        "nl": (
            "Schrijf de raad",
            "Vragen, voorstellen, activiteiten om aan te kondigen: de coördinatieraad antwoordt.",
        ),
        "fr": (
            "Écrire au conseil",
            "Questions, propositions, événements à annoncer : le conseil de coordination répond.",
        ),
        "ru": ("Написать в совет", "Вопросы, предложения, события для афиши: координационный совет ответит."),
    },
    "membership-application": {
        "en": ("Join the network", "An organisation of compatriots applies to join the coordination council."),
        "nl": (
            "Lid worden van het netwerk",
            "Een organisatie van landgenoten vraagt aan om lid te worden van de coördinatieraad.",
        ),
        "fr": (
            "Rejoindre le réseau",
            "Une organisation de compatriotes demande à rejoindre le conseil de coordination.",
        ),
        "ru": ("Вступить в сеть", "Организация соотечественников подаёт заявку на вступление в координационный совет."),
    },
}
FIELD_TEXTS = {
    "contact-form": {
        "nl": [("Uw naam", ""), ("Uw e-mailadres", "We antwoorden op dit adres."), ("Uw bericht", "")],
        "fr": [("Votre nom", ""), ("Votre adresse e-mail", "Nous répondons à cette adresse."), ("Votre message", "")],
        "ru": [("Ваше имя", ""), ("Ваш адрес электронной почты", "Мы ответим на этот адрес."), ("Ваше сообщение", "")],
    },
    "membership-application": {
        "nl": [
            ("Naam van de organisatie", ""),
            ("Stad", ""),
            ("Aantal leden", ""),
            ("Contactpersoon", ""),
            ("E-mailadres", "De raad schrijft over de aanvraag naar dit adres."),
            ("Over de organisatie", "Wat ze doet, sinds wanneer, en waarom ze wil toetreden."),
        ],
        "fr": [
            ("Nom de l'organisation", ""),
            ("Ville", ""),
            ("Nombre de membres", ""),
            ("Personne de contact", ""),
            ("Adresse e-mail", "Le conseil écrit à cette adresse au sujet de la demande."),
            ("À propos de l'organisation", "Ce qu'elle fait, depuis quand, et pourquoi elle veut adhérer."),
        ],
        "ru": [
            ("Название организации", ""),
            ("Город", ""),
            ("Число членов", ""),
            ("Контактное лицо", ""),
            ("Адрес электронной почты", "Совет напишет на этот адрес о заявке."),
            ("Об организации", "Чем она занимается, с какого года и почему хочет вступить."),
        ],
    },
}


def add_form_pages():
    home = get_home_page("en")
    pages = []
    for external_id, fields_spec in FIELDS.items():
        title, summary = TEXTS[external_id]["en"]
        fields = {
            "title": title,
            "summary": summary,
            "to_address": TO_ADDRESS,
            "from_address": FROM_ADDRESS,
            "subject": title,
            # Visitors look for "contact" and "join" in the menu and the footer.
            "show_in_menus": True,
        }

        def build(page, fields_spec=fields_spec):
            if list(page.form_fields.all()):
                return False
            page.form_fields = [
                FormField(field_type=kind, required=required, label=label, help_text=help_text, sort_order=index)
                for index, (kind, required, label, help_text) in enumerate(fields_spec)
            ]
            return True

        page, changed = ensure_source(home, FormPage, external_id, fields, build)
        sync_translations(page, changed, lambda code, external_id=external_id: translated(external_id, code))
        pages.append(page)
    return pages


def translated(external_id, code):
    title, summary = TEXTS[external_id][code]
    form_fields = [{"label": label, "help_text": help_text} for label, help_text in FIELD_TEXTS[external_id][code]]
    return {**translated_values({"title": title, "summary": summary}), "form_fields": form_fields}
