"""The search index follows the content, through the one search service.

Publish, unpublish, delete, move, translate and re-translate each change what
a visitor finds at once; ``update_index`` rebuilds an emptied index. Run on the
configured database backend (SQLite here, PostgreSQL for the lead).
"""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend

from localisation.translation import translate_page
from search import service
from search.models import PAGE_FTS_TABLE
from search.service import SearchParams
from tests import factories

pytestmark = pytest.mark.django_db


def found(query, locale=None):
    """``{page pk: url}`` of what a visitor finds for ``query``."""
    site = Site.objects.get(is_default_site=True)
    response = service.search(SearchParams(q=query, locale=locale, page_size=50), site, log=False)
    return {hit.page.pk: hit.url for hit in response.results}


@pytest.fixture
def draft(home_page):
    return factories.StandardPageFactory(parent=home_page, title="Samovar evening", slug="samovar-evening", live=False)


@pytest.fixture
def translate(django_capture_on_commit_callbacks):
    """``translate_page``, with the publication wagtail-localize defers to the commit."""

    def translate(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return translate_page(*args, **kwargs)

    return translate


def test_a_draft_is_not_found_until_published(draft):
    assert draft.pk not in found("samovar")
    draft.save_revision().publish()
    assert draft.pk in found("samovar")


def test_a_published_change_is_found_and_the_old_text_is_not(home_page):
    page = factories.StandardPageFactory(parent=home_page, title="Samovar evening", summary="")
    page.title = "Balalaika evening"
    page.save_revision().publish()
    assert page.pk in found("balalaika")
    assert page.pk not in found("samovar")


def test_an_unpublished_page_is_gone(draft):
    draft.save_revision().publish()
    draft.refresh_from_db()
    draft.unpublish()
    assert draft.pk not in found("samovar")


def test_a_deleted_page_is_gone(draft):
    draft.save_revision().publish()
    pk = draft.pk
    draft.delete()
    assert pk not in found("samovar")


def test_a_moved_page_is_found_at_its_new_url(home_page, draft):
    draft.save_revision().publish()
    archive = factories.StandardPageFactory(parent=home_page, title="Archive", slug="archive")
    draft.refresh_from_db()
    draft.move(archive, pos="last-child")
    assert found("samovar")[draft.pk] == "/en/archive/samovar-evening/"


def test_a_translation_is_found_in_its_locale(draft, translate):
    draft.save_revision().publish()
    dutch = translate(draft, "nl", {"title": "Samovaravond", "slug": "samovaravond", "summary": "Thee en muziek."})
    assert dutch.pk in found("samovaravond", locale="nl")
    assert found("samovaravond", locale="nl")[dutch.pk].startswith("/nl/")
    assert dutch.pk not in found("samovaravond", locale="en")


def test_a_translation_updated_from_its_source_is_found_by_its_new_text(draft, translate):
    draft.save_revision().publish()
    dutch = translate(draft, "nl", {"title": "Samovaravond", "slug": "samovaravond"})
    translate(draft, "nl", {"title": "Theeavond", "slug": "samovaravond"})
    assert dutch.pk in found("theeavond", locale="nl")
    assert dutch.pk not in found("samovaravond", locale="nl")


def test_update_index_rebuilds_an_emptied_index(draft):
    draft.save_revision().publish()
    get_search_backend().reset_indexes()
    assert draft.pk not in found("samovar")
    call_command("update_index", stdout=io.StringIO())
    assert draft.pk in found("samovar")


def page_entries(page):
    """How many index entries a page has: its search entries on PostgreSQL; on
    SQLite its rows of the page full-text table, beside Wagtail's entry (the
    admin's page search)."""
    from wagtail.search.models import IndexEntry

    from search.models import PageSearchEntry

    if connection.vendor == "postgresql":
        assert not IndexEntry.objects.filter(object_id=str(page.pk)).exists(), "pages have no Wagtail entries"
        return PageSearchEntry.objects.filter(page_id=page.pk).count()
    assert IndexEntry.objects.filter(object_id=str(page.pk)).count() <= 1
    return page_full_text_rows(page.pk)


def page_full_text_rows(pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {PAGE_FTS_TABLE} WHERE rowid = %s", [pk])
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's page full-text table")
def test_the_page_full_text_table_loses_deleted_pages(draft):
    draft.save_revision().publish()
    assert page_entries(draft) == 1
    pk = draft.pk
    draft.delete()
    assert page_full_text_rows(pk) == 0
    # A row left behind (a page deleted without signals) is removed by the next update_index.
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {PAGE_FTS_TABLE} (rowid, title, body) VALUES (%s, 'samovar', 'samovar')", [pk])
    call_command("update_index", stdout=io.StringIO())
    assert page_full_text_rows(pk) == 0


def test_update_index_over_a_full_index_updates_each_entry_once(draft):
    """``update_index`` upserts: a changed text replaces the entry, never adds a second one."""
    draft.save_revision().publish()
    type(draft).objects.filter(pk=draft.pk).update(
        title="Blini evening", summary="Pancakes with sour cream."
    )  # behind the index's back
    call_command("update_index", stdout=io.StringIO())
    assert page_entries(draft) == 1
    assert draft.pk in found("blini") and draft.pk not in found("samovar")


def test_tags_are_indexed_but_the_snippet_is_the_pages_text(home_page):
    page = factories.StandardPageFactory(parent=home_page, title="Spring fair", summary="Stalls and music.")
    page.tags.add("matryoshka")
    page.save_revision().publish()
    call_command("update_index", stdout=io.StringIO())
    site = Site.objects.get(is_default_site=True)
    (hit,) = service.search(SearchParams(q="matryoshka"), site, log=False).results
    assert hit.page.pk == page.pk and hit.snippet == "Stalls and music."


def test_a_page_moved_with_its_section_under_a_restricted_one_is_gone(home_page):
    """A move rewrites every descendant's path in one statement, with no signal
    for them: the index must still see where they are now."""
    from wagtail.models import PageViewRestriction

    section = factories.StandardPageFactory(parent=home_page, title="Projects", slug="projects")
    page = factories.StandardPageFactory(parent=section, title="Samovar evening", slug="samovar-evening")
    members = factories.StandardPageFactory(parent=home_page, title="Members", slug="members")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    assert page.pk in found("samovar")
    section.refresh_from_db()
    section.move(members, pos="last-child")
    assert page.pk not in found("samovar")


def test_a_page_unpublished_behind_the_index_back_is_gone(home_page):
    page = factories.StandardPageFactory(parent=home_page, title="Samovar evening")
    assert page.pk in found("samovar")
    type(page).objects.filter(pk=page.pk).update(live=False)  # a bulk change: no signal
    assert page.pk not in found("samovar")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's page search entries")
def test_page_search_entries_keep_the_page_columns_in_step(home_page):
    from search.models import PageSearchEntry

    section = factories.StandardPageFactory(parent=home_page, title="Projects", slug="projects")
    page = factories.StandardPageFactory(parent=section, title="Samovar evening")
    archive = factories.StandardPageFactory(parent=home_page, title="Archive", slug="archive")
    section.refresh_from_db()
    section.move(archive, pos="last-child")
    type(archive).objects.filter(pk=archive.pk).update(live=False)
    columns = ["path", "depth", "live", "locale_id", "content_type_id"]
    pages = {row["id"]: row for row in Page.objects.filter(depth__gt=1).values("id", *columns)}
    entries = {row["page_id"]: row for row in PageSearchEntry.objects.values("page_id", *columns)}
    assert {section.pk, page.pk, archive.pk} <= entries.keys()
    for pk, entry in entries.items():
        assert {column: entry[column] for column in columns} == {column: pages[pk][column] for column in columns}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's row versions")
def test_update_index_leaves_unchanged_entries_alone(draft):
    """Rebuilding the index of an unchanged site writes no row versions (no
    bloat for vacuum to reclaim); a changed page's entries are rewritten."""
    draft.save_revision().publish()
    other = factories.StandardPageFactory(parent=draft.get_parent(), title="Blini evening")

    def row_versions(table, key, pk):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT xmin::text FROM {table} WHERE {key} = %s", [pk])
            return cursor.fetchone()[0]

    def versions():
        return {pk: row_versions("search_pagesearchentry", "id", pk) for pk in (draft.pk, other.pk)}

    before = versions()
    type(other).objects.filter(pk=other.pk).update(title="Blini and kvass evening")  # behind the index's back
    call_command("update_index", stdout=io.StringIO())
    after = versions()
    assert after[draft.pk] == before[draft.pk]
    assert after[other.pk] != before[other.pk]
