"""Gallery images become translatable (``TranslatableMixin``), in two steps:
the new columns, filled here, are required from the next migration on.

Each existing image takes its project page's locale, and the images at the
same position in the galleries of one project's translations share a
translation key, as wagtail-localize would have given them. Revisions hold
copies of the galleries (drafts, history to revert to): their images get the
same keys and locales, so publishing an older revision keeps the link between
translations.
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def key_gallery_images(apps, schema_editor):
    image_model = apps.get_model("heritage", "HeritageGalleryImage")
    page_model = apps.get_model("heritage", "HeritageProjectPage")
    revision_model = apps.get_model("wagtailcore", "Revision")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    pages = {
        pk: (translation_key, locale_id)
        for pk, translation_key, locale_id in page_model.objects.values_list("pk", "translation_key", "locale_id")
    }
    # (project's translation key, position in its gallery) -> the images' translation key
    keys = {}

    def key_of(page_id, position):
        return keys.setdefault((pages[page_id][0], position), uuid.uuid4())

    for page_id in pages:
        images = image_model.objects.filter(project_id=page_id).order_by("sort_order", "pk")
        for position, image in enumerate(images):
            image.translation_key = key_of(page_id, position)
            image.locale_id = pages[page_id][1]
            image.save(update_fields=["translation_key", "locale"])

    content_type = content_type_model.objects.filter(app_label="heritage", model="heritageprojectpage").first()
    if content_type is None:
        return
    for revision in revision_model.objects.filter(content_type_id=content_type.pk).iterator():
        page_id = int(revision.object_id)
        images = revision.content.get("gallery_images") or []
        if page_id not in pages or not images:
            continue
        ordered = sorted(images, key=lambda image: (image.get("sort_order") is None, image.get("sort_order") or 0))
        for position, image in enumerate(ordered):
            image["translation_key"] = str(key_of(page_id, position))
            image["locale"] = pages[page_id][1]
        revision.save(update_fields=["content"])


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
