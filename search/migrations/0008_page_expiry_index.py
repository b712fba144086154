"""An index of the pages' expiry dates.

A search names the expired live pages by id (``core.visibility.not_expired``
with ``by_id``: the search index's conditions read only indexed columns, and
Wagtail indexes no ``expire_at``). Without an index that reads every page on
every search; with it, only the few pages with an expiry date.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0007_query_results"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS search_page_expire_at ON wagtailcore_page (expire_at)",
            "DROP INDEX IF EXISTS search_page_expire_at",
        ),
    ]
