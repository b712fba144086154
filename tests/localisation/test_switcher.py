"""The language switcher and hreflang links offer exactly the languages a page exists in."""

import re
from http import HTTPStatus
from urllib.parse import unquote

from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from tests import factories


def render(template_name, path, page=None, language="en"):
    request = RequestFactory().get(path)
    request.LANGUAGE_CODE = language
    with translation.override(language):
        return render_to_string(template_name, {"page": page, "request": request})


def switcher_links(html):
    """(page address, lang, hreflang, aria-current, name) of each link; links go through remember_language."""
    links = re.findall(
        r'<a href="/language/(\w+)/\?next=([^"]+)" lang="(\w+)" hreflang="(\w+)" rel="nofollow"( aria-current="true")?>([^<]+)</a>',
        html,
    )
    return [(unquote(target), lang, hreflang, current, name) for _code, target, lang, hreflang, current, name in links]


def alternates(html):
    return re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html)


def test_switcher_offers_exactly_the_languages_of_the_page(organisation_section):
    html = render("includes/language_switcher.html", "/nl/organisaties/", organisation_section["nl"], "nl")
    assert switcher_links(html) == [
        ("/en/organisations/", "en", "en", "", "English"),
        ("/nl/organisaties/", "nl", "nl", ' aria-current="true"', "Nederlands"),
    ]


def test_drafts_and_private_translations_are_not_offered(organisation_section, translate):
    federation = factories.OrganisationPageFactory(parent=organisation_section["en"], title="Council")
    translate(federation, "nl", {"title": "Raad", "slug": "raad"}, publish=False)
    private = factories.StandardPageFactory(parent=organisation_section["en"].get_parent(), title="Members only")
    dutch_private = translate(private, "nl", {"title": "Alleen leden", "slug": "alleen-leden"})
    PageViewRestriction.objects.create(page=dutch_private, restriction_type=PageViewRestriction.LOGIN)

    assert [link[1] for link in switcher_links(render("includes/language_switcher.html", "/", federation))] == ["en"]
    assert [link[1] for link in switcher_links(render("includes/language_switcher.html", "/", private))] == ["en"]


def test_hreflang_lists_every_translation_with_absolute_urls_and_x_default(translated_home):
    html = render("includes/hreflang.html", "/fr/", translated_home["fr"], "fr")
    assert alternates(html) == [
        ("en", "http://localhost/en/"),
        ("x-default", "http://localhost/en/"),
        ("nl", "http://localhost/nl/"),
        ("fr", "http://localhost/fr/"),
        ("ru", "http://localhost/ru/"),
    ]


def test_x_default_is_the_source_when_there_is_no_default_language_version(translated_home, translate):
    dutch_only = factories.StandardPageFactory(parent=translated_home["nl"], title="Over ons", slug="over-ons")
    translate(dutch_only, "fr", {"title": "À propos", "slug": "a-propos"})
    html = render("includes/hreflang.html", "/fr/a-propos/", dutch_only, "nl")
    assert alternates(html) == [
        ("nl", "http://localhost/nl/over-ons/"),
        ("x-default", "http://localhost/nl/over-ons/"),
        ("fr", "http://localhost/fr/a-propos/"),
    ]


def test_without_a_page_every_language_links_to_the_same_path(translated_home):
    html = render("includes/language_switcher.html", "/fr/search/?q=chorale", None, "fr")
    assert [(link[0], link[3]) for link in switcher_links(html)] == [
        ("/en/search/?q=chorale", ""),
        ("/nl/search/?q=chorale", ""),
        ("/fr/search/?q=chorale", ' aria-current="true"'),
        ("/ru/search/?q=chorale", ""),
    ]
    hreflang = alternates(render("includes/hreflang.html", "/fr/search/", None, "fr"))
    assert ("x-default", "http://localhost/en/search/") in hreflang
    assert len(hreflang) == 5


def test_a_language_filter_follows_the_switch(translated_home):
    html = render("includes/language_switcher.html", "/fr/search/?q=chorale&locale=fr", None, "fr")
    assert [link[0] for link in switcher_links(html)] == [
        "/en/search/?q=chorale&locale=en",
        "/nl/search/?q=chorale&locale=nl",
        "/fr/search/?q=chorale&locale=fr",
        "/ru/search/?q=chorale&locale=ru",
    ]


def test_queries_do_not_grow_with_the_number_of_translations(organisation_section, translated_home):
    # Warm the site root paths cache, which is shared by every request (another
    # page: the languages of each page measured are kept once built).
    render("includes/language_switcher.html", "/fr/", translated_home["fr"])
    with CaptureQueriesContext(connection) as two_languages:
        render("includes/language_switcher.html", "/en/organisations/", organisation_section["en"])
    with CaptureQueriesContext(connection) as four_languages:
        render("includes/language_switcher.html", "/en/", translated_home["en"])
    # View restrictions, the translations, the request's site.
    assert len(two_languages) == len(four_languages) <= 3


def test_switcher_and_hreflang_share_one_lookup(translated_home):
    request = RequestFactory().get("/en/")
    render_to_string("includes/language_switcher.html", {"page": translated_home["en"], "request": request})
    with CaptureQueriesContext(connection) as queries:
        render_to_string("includes/hreflang.html", {"page": translated_home["en"], "request": request})
    assert len(queries) == 0


def test_every_page_carries_the_switcher_and_hreflang(client, organisation_section):
    response = client.get("/nl/organisaties/")
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert '<html lang="nl">' in html
    assert switcher_links(html) == [
        ("/en/organisations/", "en", "en", "", "English"),
        ("/nl/organisaties/", "nl", "nl", ' aria-current="true"', "Nederlands"),
    ]
    assert alternates(html) == [
        ("en", "http://localhost/en/organisations/"),
        ("x-default", "http://localhost/en/organisations/"),
        ("nl", "http://localhost/nl/organisaties/"),
    ]
