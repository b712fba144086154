"""Search promotions and redirects for the editorial groups, not only superusers.

Moderators manage both (add, change, delete). Editors propose: Wagtail keeps
no drafts or moderation for promotions and redirects, so proposing is adding
one. An editor can add a promotion for a query or a redirect from an old
address, but not change or remove what exists; a Moderator reviews the list
and corrects or deletes. The harm an addition can do is small: a redirect only
answers addresses that serve no page (Wagtail's middleware acts on 404s), and
a promotion only adds a result above the others. Translators get neither.
"""

from django.db import migrations

EDITORS = "Editors"
MODERATORS = "Moderators"

MODELS = [("wagtailsearchpromotions", "searchpromotion"), ("wagtailredirects", "redirect")]
ACTIONS = {EDITORS: ["add"], MODERATORS: ["add", "change", "delete"]}


def permissions_for(apps, actions):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    for app_label, model in MODELS:
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
        for action in actions:
            permission, _created = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            yield permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    for name, actions in ACTIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions_for(apps, actions))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    for name, actions in ACTIONS.items():
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.remove(*permissions_for(apps, actions))


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_editorial_groups_and_workflow"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
