"""Items made from the pages' rows are the items made from the page instances, byte for byte."""

import io

import pytest
from django.db.models.signals import post_init

from core.registry import content_types
from interchange.exporter import export_items, export_to, page_items, row_items
from interchange.page_rows import rows_of
from tests.helpers.instance_export import instance_export_items
from tests.helpers.interchange_site import all_pages, as_lines, build_varied_site

pytestmark = pytest.mark.django_db


def all_rows():
    return [row for model in content_types().models() for row in rows_of(model, model.objects.order_by("path"))]


@pytest.mark.parametrize("is_source", [True, False])
@pytest.mark.parametrize("latest", [True, False])
def test_row_items_equal_page_items(home_page, tmp_path, is_source, latest):
    build_varied_site(tmp_path)
    pages = all_pages()
    from_pages = as_lines(page_items(pages, is_source=is_source, latest=latest))
    from_rows = as_lines(row_items(all_rows(), is_source=is_source, latest=latest))
    assert from_rows == from_pages
    # Every type and locale was compared, and items that are a newer revision's.
    assert {(type(page), page.locale.language_code) for page in pages} == {
        (model, code) for model in content_types().models() for code in ("en", "fr", "nl", "ru")
    }
    assert any("(draft title)" in line for line in from_rows) == latest


@pytest.mark.parametrize("drafts", [False, True])
def test_the_export_from_rows_equals_the_export_from_page_instances(home_page, tmp_path, drafts):
    build_varied_site(tmp_path)
    exported = as_lines(export_items(drafts=drafts))
    assert exported == as_lines(instance_export_items(drafts=drafts))
    # Sources, translations and translations leaving fields to their source's text were compared.
    assert any('"locale": "fr"' in line and '"id": "varied-fund"' in line for line in exported)
    assert any('"status": "private"' in line for line in exported)
    assert any('"status": "draft"' in line for line in exported) == drafts


def pages_built_by_export():
    built = []

    def count(sender, **kwargs):
        built.append(sender)

    post_init.connect(count)
    try:
        export_to(io.StringIO())
    finally:
        post_init.disconnect(count)
    return len(built)


def test_the_export_builds_no_page_per_line(home_page, tmp_path):
    from bench.jsonl import generated_items, write_generated_items
    from interchange.importer import import_file

    build_varied_site(tmp_path)
    before = pages_built_by_export()
    path = tmp_path / "more.jsonl"
    write_generated_items(path, lambda group: generated_items(group + 10), 60)
    import_file(path)
    assert pages_built_by_export() == before
