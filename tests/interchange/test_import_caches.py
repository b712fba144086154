"""An import of new pages changes what visitors see: the caches must learn of it."""

import json

import pytest

from core.cache import content_version
from interchange import bulk_pages
from interchange.importer import import_file

pytestmark = pytest.mark.django_db


def write(tmp_path, items, name):
    path = tmp_path / name
    path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    return path


def organisation(item_id, locale="en", title=None):
    return {"id": item_id, "type": "organisation", "locale": locale, "title": title or item_id.title()}


def test_new_pages_move_the_content_version_on_and_purge_the_page_caches(home_page, tmp_path, monkeypatch):
    # Sections exist first: creating one publishes it the one-page way, which signals by itself.
    import_file(write(tmp_path, [organisation("first"), organisation("first", "nl", "Eerste")], "first.jsonl"))
    purges = []
    # core.cache_purge moves the version on at once and purges once the
    # transaction commits, which a test's never does: count the calls.
    purge_all_pages = bulk_pages.purge_all_pages
    monkeypatch.setattr(bulk_pages, "purge_all_pages", lambda: purges.append(True) or purge_all_pages())
    before = content_version()

    result = import_file(
        write(tmp_path, [organisation("second"), organisation("second", "nl", "Tweede")], "second.jsonl")
    )

    assert result.created == 2
    assert content_version() != before
    assert purges  # once per batch written; core.cache_purge runs one purge per transaction
