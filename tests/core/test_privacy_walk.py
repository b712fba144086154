"""Nothing a visitor may not see appears on any public URL the site can produce.

One site in four languages holds hidden pages of every kind (draft,
login- and password-restricted, expired before ``publish_scheduled`` runs,
unpublished, under a restricted section), each carrying two secret words and
linked from public pages in every way the content model allows. A crawler
then discovers and visits every public URL (pages, listings with each filter
choice, feeds, iCalendar, the sitemap, robots.txt, API v2 lists and details
with all fields, search and suggestions for each secret word) and checks that
no secret word and no hidden page id shows, and that nothing answers a 500.
A surface added later is walked too, because the walk finds it by its links.
"""

from urllib.parse import parse_qsl, urlsplit

import pytest
from django.conf import settings

from tests.helpers import API_PAGE_URL, SiteWalker, build_walk_site, page_objects

pytestmark = pytest.mark.django_db

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def walk_site(home_page, sections, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=True):
        site = build_walk_site(home_page, sections)
    # Hidden pages are in the search index too: search must filter them, not miss them.
    call_command("update_index", verbosity=0)
    return site


def seeds(site):
    """Where a visitor or a crawler starts; everything else is discovered."""
    urls = ["/", "/robots.txt", "/sitemap.xml", "/api/v2/pages/?fields=*", "/api/v2/images/", "/api/v2/documents/"]
    for language in LANGUAGE_CODES:
        urls += [f"/{language}/", f"/api/v2/pages/?locale={language}&fields=*"]
    # Search without a language finds every language; each language's page and filter once per hidden page.
    for word in [*site.all_words(), "public", "concert"]:
        urls += [f"/en/search/?q={word}", f"/api/search/?q={word}", f"/api/search/suggest/?q={word[:5]}"]
    for first, _second in site.words.values():
        urls += [f"/{language}/search/?q={first}" for language in LANGUAGE_CODES]
        urls += [f"/api/search/?q={first}&locale={language}" for language in LANGUAGE_CODES]
    # The hidden pages' own addresses, as someone who knows them would try.
    for page in site.hidden_pages():
        urls += [page.get_url(), f"/api/v2/pages/{page.pk}/?fields=*"]
    return urls


def without_echo(visit):
    """The response text without what the request itself said (a search's query, the address asked for)."""
    text = visit.text.lower()
    parts = urlsplit(visit.url)
    echoes = [parts.path.lower(), *(value.lower() for _name, value in parse_qsl(parts.query) if value)]
    for echo in sorted(echoes, key=len, reverse=True):
        text = text.replace(echo, "")
    return text


def test_no_hidden_page_shows_on_any_public_url(walk_site, client):
    walker = SiteWalker(limit=1500, per_path=8)
    visits = walker.walk(seeds(walk_site))

    hidden_ids = {page.pk for page in walk_site.hidden_pages()}
    words = walk_site.all_words()
    leaks = {}
    for url, visit in visits.items():
        text = without_echo(visit)
        found = [word for word in words if word in text]
        if visit.json is not None:
            found += [f"id {item['id']}" for item in page_objects(visit.json) if item["id"] in hidden_ids]
        found += [f"/pages/{pk}/" for pk in map(int, API_PAGE_URL.findall(text)) if pk in hidden_ids]
        if found:
            leaks[url] = sorted(set(found))
    failures = walker.failures()
    assert not failures, "\n".join(f"{url}: {error}" for url, error in failures.items())
    assert not leaks, "\n".join(f"{url}: {', '.join(found)}" for url, found in leaks.items())

    # The walk reached every kind of surface (else the checks above prove nothing).
    visited = set(visits)
    public_pages = list(walk_site.public.values())
    assert all(any(urlsplit(url).path == page.url for url in visited) for page in public_pages)
    expected = [
        "/sitemap.xml",
        "/robots.txt",
        "/api/v2/pages/?fields=%2A",
        "ical/",
        "feed/rss/",
        "feed/atom/",
        "/month/",
        "/api/search/suggest/",
        "/nl/search/",
        "/ru/",
    ]
    assert [part for part in expected if not any(part in url for url in visited)] == []
    found = visits["/api/search/?q=concert"].json
    assert found["count"] >= 1, "search finds public pages, so it could find hidden ones"
    assert len(visits) < walker.limit, "the walk ended by itself: every discovered URL was visited"
