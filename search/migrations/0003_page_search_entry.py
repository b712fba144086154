"""PostgreSQL's page search entries: the table, its GIN index and the trigger
keeping the page columns it copies in step (see ``PageSearchEntry``).

The index and trigger are PostgreSQL's own and exist only there. Pages indexed
before this migration get their entry from Wagtail's index entry, which holds
the same vector; ``update_index`` rebuilds every entry.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


FOLLOW_PAGE = """
CREATE FUNCTION search_pagesearchentry_follow_page() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE search_pagesearchentry
    SET path = NEW.path, depth = NEW.depth, live = NEW.live,
        locale_id = NEW.locale_id, content_type_id = NEW.content_type_id
    WHERE id = NEW.id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER search_pagesearchentry_follow_page
AFTER UPDATE OF path, depth, live, locale_id, content_type_id ON wagtailcore_page
FOR EACH ROW
WHEN (OLD.path IS DISTINCT FROM NEW.path OR OLD.depth IS DISTINCT FROM NEW.depth
      OR OLD.live IS DISTINCT FROM NEW.live OR OLD.locale_id IS DISTINCT FROM NEW.locale_id
      OR OLD.content_type_id IS DISTINCT FROM NEW.content_type_id)
EXECUTE FUNCTION search_pagesearchentry_follow_page();
CREATE INDEX search_pagesearchentry_vector_gin ON search_pagesearchentry USING gin (vector);
"""

UNFOLLOW_PAGE = """
DROP TRIGGER IF EXISTS search_pagesearchentry_follow_page ON wagtailcore_page;
DROP FUNCTION IF EXISTS search_pagesearchentry_follow_page();
DROP INDEX IF EXISTS search_pagesearchentry_vector_gin;
"""

#: Title terms carry the title's weight in Wagtail's body vector, all terms the
#: lowest (D). Every page model but Wagtail's own ``Page`` (the root) is
#: indexed by its analysed terms.
FROM_WAGTAIL_ENTRIES = """
INSERT INTO search_pagesearchentry (id, path, depth, live, locale_id, content_type_id, title_terms, terms, vector)
SELECT page.id, page.path, page.depth, page.live, page.locale_id, page.content_type_id,
       coalesce((SELECT string_agg(lexeme.lexeme, ' ') FROM unnest(entry.body) lexeme
                 WHERE %s = ANY(lexeme.weights)), ''),
       coalesce((SELECT string_agg(lexeme.lexeme, ' ') FROM unnest(entry.body) lexeme, unnest(lexeme.weights) weight
                 WHERE weight = 'D'), ''),
       entry.body
FROM wagtailsearch_indexentry entry
JOIN wagtailcore_page page ON entry.object_id = page.id::text AND entry.content_type_id = page.content_type_id
WHERE entry.content_type_id NOT IN (
    SELECT id FROM django_content_type WHERE app_label = 'wagtailcore' AND model = 'page'
)
ON CONFLICT (id) DO NOTHING
"""

#: The weight of the title terms in Wagtail's body vector: the one modelsearch
#: gives their boost (3) among the site's boosts (10, 3, 2 and lower: A, B,
#: C, D). Frozen here, where the backend computes it from the models as they
#: are; should the boosts change, ``update_index`` writes every entry again.
TITLE_TERMS_WEIGHT = "B"


def follow_pages(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FOLLOW_PAGE)
    if apps.get_model("wagtailsearch", "IndexEntry").objects.exists():
        schema_editor.execute(FROM_WAGTAIL_ENTRIES, [TITLE_TERMS_WEIGHT])


def unfollow_pages(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNFOLLOW_PAGE)


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('search', '0002_synonym_permissions'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailsearch', '0010_add_text_fields'),
    ]

    operations = [
        migrations.CreateModel(
            name='PageSearchEntry',
            fields=[
                ('page', models.OneToOneField(db_column='id', on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('path', models.CharField(max_length=255)),
                ('depth', models.PositiveIntegerField()),
                ('live', models.BooleanField()),
                ('title_terms', models.TextField()),
                ('terms', models.TextField()),
                ('vector', django.contrib.postgres.search.SearchVectorField()),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype')),
                ('locale', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.locale')),
            ],
            options={
                'verbose_name': 'page search entry',
                'verbose_name_plural': 'page search entries',
            },
        ),
        migrations.RunPython(follow_pages, unfollow_pages),
    ]
