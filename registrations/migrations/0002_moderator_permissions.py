"""Moderators see, correct and delete event registrations; editors and translators do not.

Registrations are personal data (names, e-mail addresses): as few people as
the work needs see them. Moderators answer for the events' publication, so
they hold the list; nobody adds a registration by hand (visitors register on
the event's page).
"""

from django.db import migrations

GROUPS = ["Moderators"]
ACTIONS = ["change", "delete", "view"]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    content_type, _created = ContentType.objects.get_or_create(app_label="registrations", model="registrant")
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_registrant",
            defaults={"name": f"Can {action} event registration"},
        )[0]
        for action in ACTIONS
    ]
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    permissions = Permission.objects.filter(content_type__app_label="registrations", content_type__model="registrant")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0001_initial"),
        ("home", "0003_editorial_groups_and_workflow"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
