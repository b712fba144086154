"""Gallery images become translatable (``TranslatableMixin``), in two steps:
the new columns, filled here (``localisation.child_objects``: each image takes
its project's locale, the images at one position in a project's translations
share a key, in the tables and in the revisions), are required from the next
migration on.
"""

import django.db.models.deletion
from django.db import migrations, models

from localisation.child_objects import key_child_objects


def key_gallery_images(apps, schema_editor):
    key_child_objects(apps, "heritage.HeritageGalleryImage", "heritage.HeritageProjectPage", "gallery_images")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("heritage", "0003_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="heritagegalleryimage",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="heritagegalleryimage",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(key_gallery_images, migrations.RunPython.noop),
    ]
