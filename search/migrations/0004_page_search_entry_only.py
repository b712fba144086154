"""Pages are indexed in their search entries only (PostgreSQL).

The admin's page search reads the page search entries through the pages
(``related_name``), so Wagtail's own entries of pages, which nothing reads any
more, are deleted. Going back, ``update_index`` writes them again.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

DELETE_WAGTAIL_PAGE_ENTRIES = """
DELETE FROM wagtailsearch_indexentry entry USING wagtailcore_page page
WHERE entry.content_type_id = page.content_type_id AND entry.object_id = page.id::text
"""


def delete_wagtail_page_entries(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DELETE_WAGTAIL_PAGE_ENTRIES)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_page_search_entry"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="pagesearchentry",
            name="page",
            field=models.OneToOneField(
                db_column="id",
                on_delete=django.db.models.deletion.CASCADE,
                primary_key=True,
                related_name="search_entry",
                serialize=False,
                to=settings.WAGTAIL_PAGE_MODEL,
            ),
        ),
        migrations.RunPython(delete_wagtail_page_entries, migrations.RunPython.noop),
    ]
