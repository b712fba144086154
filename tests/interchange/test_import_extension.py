"""An ``ImportExtension`` gives new pages what the file cannot carry, in the import's own batches.

The demo loader gives its pages pictures this way; these tests hold the
mechanism to what a later edit and a translator's sync would have written:
the values are in each page's only revision, in its translation source, and
the translated values are wagtail-localize string translations.
"""

import json

import pytest
from wagtail.models import Locale, Revision
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from interchange.bulk_import import ImportExtension
from interchange.importer import import_file
from organisations.models import OrganisationPage

pytestmark = pytest.mark.django_db

ITEMS = [
    {
        "id": "pushkin-fund",
        "type": "organisation",
        "locale": "en",
        "title": "Pushkin Fund",
        "kind": "foundation",
        "founded": "1999",
        "city": "Brussels",
        "country": "BE",
        "summary": "Keeps the traditions.",
    },
    {"id": "pushkin-fund", "type": "organisation", "locale": "nl", "title": "Poesjkinfonds", "city": "Brussel"},
]


class SearchTitles(ImportExtension):
    def __init__(self):
        self.calls = []

    def source_fields(self, page, item):
        self.calls.append(("fields", item["id"], page.pk))
        page.seo_title = f"{item['title']}, since {page.founded_year}"

    def source_relations(self, page, item):
        self.calls.append(("relations", item["id"], page.pk is not None))

    def translated_values(self, source, item):
        return {"seo_title": f"{item['title']}, sinds {source.founded_year}"}


def write(tmp_path, items):
    path = tmp_path / "content.jsonl"
    path.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items), encoding="utf-8")
    return path


def test_new_pages_get_the_extensions_values_in_their_only_revision(home_page, tmp_path):
    extension = SearchTitles()
    import_file(write(tmp_path, ITEMS), extension=extension)

    source = OrganisationPage.objects.get(external_id="pushkin-fund", locale__language_code="en")
    dutch = source.get_translation(Locale.objects.get(language_code="nl")).specific
    assert extension.calls == [("fields", "pushkin-fund", None), ("relations", "pushkin-fund", True)]
    assert (source.seo_title, dutch.seo_title) == ("Pushkin Fund, since 1999", "Poesjkinfonds, sinds 1999")
    for page in (source, dutch):
        assert Revision.objects.for_instance(page).count() == 1
        assert page.get_latest_revision_as_object().seo_title == page.seo_title
    # The translated value is a translator's string: a sync from the source keeps it.
    record = TranslationSource.objects.get_for_instance(source)
    assert StringTranslation.objects.get(context__path="seo_title", locale=dutch.locale).data == dutch.seo_title
    record.update_from_db()
    Translation.objects.get(source=record, target_locale=dutch.locale).save_target(publish=False)
    assert dutch.get_latest_revision_as_object().seo_title == "Poesjkinfonds, sinds 1999"


def test_pages_already_on_the_site_are_left_to_the_caller(home_page, tmp_path):
    import_file(write(tmp_path, ITEMS))
    extension = SearchTitles()
    changed = [{**ITEMS[0], "summary": "Keeps the traditions alive."}, ITEMS[1]]

    import_file(write(tmp_path, changed), extension=extension)

    assert extension.calls == []
    assert OrganisationPage.objects.get(external_id="pushkin-fund", locale__language_code="en").seo_title == ""
