"""``page_items`` gives the items ``page_item`` gives, in a constant number of queries."""

import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.jsonl import generated_items, write_generated_items
from interchange.exporter import export_to, page_item, page_items
from interchange.importer import import_file
from jubilees.models import JubileePage
from tests.helpers.interchange_site import all_pages, as_lines, build_site

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("is_source", [True, False])
@pytest.mark.parametrize("latest", [True, False])
def test_bulk_items_equal_the_per_page_items(home_page, tmp_path, is_source, latest):
    build_site(tmp_path, groups=3)
    per_page = as_lines(page_item(page, is_source=is_source, latest=latest) for page in all_pages())
    bulk = as_lines(page_items(all_pages(), is_source=is_source, latest=latest))
    assert bulk == per_page
    assert any('"status": "private"' in line for line in bulk) or not is_source


def export_queries():
    with CaptureQueriesContext(connection) as queries:
        count = export_to(io.StringIO())
    return count, len(queries)


def test_export_queries_do_not_grow_with_the_number_of_pages(home_page, tmp_path):
    build_site(tmp_path, groups=2)
    small_count, small_queries = export_queries()
    path = tmp_path / "more.jsonl"
    write_generated_items(path, lambda group: generated_items(group + 2), 60)
    import_file(path)
    large_count, large_queries = export_queries()
    assert large_count > small_count + 50
    assert large_queries == small_queries


def test_reimport_compares_in_bulk_and_still_sees_a_changed_line(home_page, tmp_path):
    path = tmp_path / "site.jsonl"
    write_generated_items(path, generated_items, 60)
    import_file(path)
    again = import_file(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 60)
    lines = path.read_text(encoding="utf-8").splitlines()
    french = next(index for index, line in enumerate(lines) if '"locale": "fr"' in line)
    english = next(index for index, line in enumerate(lines) if '"locale": "en"' in line)
    for index in (french, english):
        item = json.loads(lines[index])
        lines[index] = json.dumps({**item, "title": item["title"] + " (changed)"}, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    changed = import_file(path)
    assert (changed.created, changed.updated, changed.unchanged) == (0, 2, 58)
    assert import_file(path).unchanged == 60


def test_a_changed_jubilee_waits_for_its_organisation_whatever_the_order_of_lines(home_page, tmp_path):
    organisation = {"id": "choir", "type": "organisation", "locale": "en", "title": "Choir", "founded": "1990"}
    jubilee = {"id": "choir-30", "type": "jubilee", "locale": "en", "title": "Thirty", "organisation": "choir"}
    jubilee["date"] = "2020-05-01"
    path = tmp_path / "site.jsonl"
    path.write_text("".join(json.dumps(item) + "\n" for item in (jubilee, organisation)), encoding="utf-8")
    import_file(path)
    assert import_file(path).unchanged == 2
    # The jubilee's line comes first; its model validation reads the organisation's new founding year.
    path.write_text(
        "".join(
            json.dumps(item) + "\n" for item in ({**jubilee, "title": "Twenty"}, {**organisation, "founded": "2000"})
        ),
        encoding="utf-8",
    )
    result = import_file(path)
    assert (result.updated, result.unchanged) == (2, 0)
    assert JubileePage.objects.get(external_id="choir-30").anniversary == 20
    # A jubilee found unchanged is counted while its organisation's line is still to come.
    path.write_text(
        "".join(
            json.dumps(item) + "\n"
            for item in ({**jubilee, "title": "Twenty"}, {**organisation, "founded": "2000", "title": "Choir!"})
        ),
        encoding="utf-8",
    )
    result = import_file(path)
    assert (result.updated, result.unchanged) == (1, 1)
