"""Joint activities are translatable: their translation key and locale,
filled by the previous migration, become required and unique together.

Apart from the data migration: on PostgreSQL a table cannot be altered in the
transaction that updated its rows' deferred foreign keys."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0002_translatable_joint_activities"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AlterField(
            model_name="jointactivity",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="jointactivity",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="jointactivity",
            unique_together={("translation_key", "locale")},
        ),
    ]
