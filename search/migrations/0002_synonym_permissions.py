"""Editors and moderators keep the search synonyms (add, change, delete).

Synonyms are editorial knowledge (what visitors call a place or a person), not
site configuration, so the editorial groups of ``home`` hold them.
Translators, who work on translations only, do not.
"""

from django.db import migrations

GROUPS = ["Editors", "Moderators"]
ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    content_type, _created = ContentType.objects.get_or_create(app_label="search", model="synonymgroup")
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_synonymgroup",
            defaults={"name": f"Can {action} synonym group"},
        )[0]
        for action in ACTIONS
    ]
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    permissions = Permission.objects.filter(content_type__app_label="search", content_type__model="synonymgroup")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("home", "0003_editorial_groups_and_workflow"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
