import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="TranslatorPreferences",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "translation_work_emails",
                    models.BooleanField(
                        default=True,
                        help_text=(
                            "Pages submitted for translation into your languages, and source pages changed after"
                            " their translation."
                        ),
                        verbose_name="e-mail me about translation work",
                    ),
                ),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="translator_preferences",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "translator preferences",
                "verbose_name_plural": "translator preferences",
            },
        ),
    ]
