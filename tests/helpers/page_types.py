"""A small site with every public page type in every language, and one address of each.

Shared by the HTML validity test (tests/home/test_html_validity.py) and the
browser accessibility tests (tests/browser/test_accessibility.py): the same
pages are checked by the Nu HTML checker and by axe-core.
"""

from django.utils import timezone
from wagtail.models import Locale, Page, Site

from core.visibility import visible_pages
from events.models import EventPage
from heritage.models import HeritageProjectPage
from home.models import StandardPage
from jubilees.models import JubileePage
from organisations.models import OrganisationPage
from tests import factories
from tests.helpers import build_walk_site

LANGUAGES = ("en", "nl", "fr", "ru")
#: Words that do not fit a phone's width unless they wrap (a reflow check).
LONG_WORD = "Samenwerkingsprotocollenoverzichtspagina"


def build_every_page_type(home_page, sections):
    """Build the site; return {label: url}, one address per page type and language, and the extra views."""
    site = build_walk_site(home_page, sections)
    image = factories.ImageFactory(width=1200, height=800)
    for model in (OrganisationPage, EventPage, HeritageProjectPage, JubileePage, StandardPage):
        model.objects.update(image=image, image_alt="People gathered in a hall")
    # Long unbroken words and addresses in the facts box and the titles (reflow at 320 px).
    OrganisationPage.objects.update(
        city="Sint-Pieters-Leeuw",
        website="https://www.example.org/a-rather-long-path/to-an-organisations-own-page",
        email="secretariaat.samenwerkingsverbanden@example.org",
    )
    # Event pages carry the registration form (with its places left).
    EventPage.objects.update(registration_enabled=True, registration_capacity=20)
    about = StandardPage.objects.filter(translation_key=site.public["about"].translation_key)
    about.update(title=f"About {LONG_WORD}")
    english_only = factories.StandardPageFactory(parent=home_page, title="Only in English", slug="only-in-english")

    urls = {}
    seen = set()
    pages = Page.objects.filter(depth__gte=2).exclude(pk=english_only.pk).order_by("path")
    for page in visible_pages(pages, Site.objects.get(is_default_site=True)).specific():
        key = (type(page).__name__, page.locale.language_code)
        url = page.get_url()
        if key in seen or not url:
            continue
        seen.add(key)
        urls[f"{key[0]} {key[1]}"] = url
    month = timezone.localdate().strftime("%Y-%m")
    for language in LANGUAGES:
        events = site.public["events"].get_translation(Locale.objects.get(language_code=language))
        urls[f"event month {language}"] = events.url + events.reverse_subpage("month") + f"?month={month}"
        urls[f"search {language}"] = f"/{language}/search/?q=public"
        urls[f"search empty {language}"] = f"/{language}/search/"
        urls[f"not found {language}"] = f"/{language}/no-such-page/"
    urls["not in this language"] = "/nl/only-in-english/"
    return urls
