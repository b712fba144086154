"""The editorial groups and the moderation workflow.

Editors write (add and change pages, upload media) and submit their drafts;
Moderators approve, publish, lock and tidy the media library; Translators
translate with wagtail-localize and may edit and publish translations, but hold
no permission on the source (English) pages, so they can neither change nor
publish them. Wagtail's own migrations already create Editors, Moderators and a
"Moderators approval" workflow on the root page; this migration makes the whole
set explicit and complete, so that it does not depend on those defaults
surviving, and is safe to run against a database where any of it exists.

Translation trees created later (a new locale's home page) are granted to the
Translators group by ``home.signals``.
"""

from django.conf import settings
from django.db import migrations

EDITORS = "Editors"
MODERATORS = "Moderators"
TRANSLATORS = "Translators"

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    # Bulk deletion (a page with its subtree) stays with administrators: a whole
    # section of the site is not something to remove in an editorial routine.
    MODERATORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
TRANSLATOR_PAGE_PERMISSIONS = ["change_page", "publish_page"]

COLLECTION_PERMISSIONS = {
    EDITORS: [
        ("wagtailimages", "image", ["add_image", "change_image", "choose_image"]),
        ("wagtaildocs", "document", ["add_document", "change_document", "choose_document"]),
    ],
    MODERATORS: [
        ("wagtailimages", "image", ["add_image", "change_image", "choose_image", "delete_image"]),
        ("wagtaildocs", "document", ["add_document", "change_document", "choose_document", "delete_document"]),
    ],
    TRANSLATORS: [],
}

# Every group uses the admin and may submit pages for translation.
GLOBAL_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("wagtail_localize", "translation", "submit_translation"),
]

WORKFLOW_NAME = "Moderators approval"
TASK_NAME = "Moderators approval"


def get_permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ").capitalize()}
    )
    return permission


def create_groups_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    Page = apps.get_model("wagtailcore.Page")
    Permission = apps.get_model("auth.Permission")

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (EDITORS, MODERATORS, TRANSLATORS)}

    # Image and document rights live on collections; the model-wide grants
    # Wagtail's first migrations gave would only confuse the group editor.
    legacy_media_permissions = Permission.objects.filter(content_type__app_label__in=["wagtailimages", "wagtaildocs"])
    for name, group in groups.items():
        group.permissions.remove(*legacy_media_permissions)
        group.permissions.add(*(get_permission(apps, *spec) for spec in GLOBAL_PERMISSIONS))
        for app_label, model, codenames in COLLECTION_PERMISSIONS[name]:
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=get_permission(apps, app_label, model, codename),
                )

    # Editors and Moderators work on the root page, so their rights extend to
    # every language's tree, including those created later.
    for name, codenames in PAGE_PERMISSIONS.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[name], page=root_page, permission=get_permission(apps, "wagtailcore", "page", codename)
            )

    # Translators only on the home pages of the translated languages.
    for translation_root in Page.objects.filter(depth=2).exclude(locale__language_code=settings.LANGUAGE_CODE):
        for codename in TRANSLATOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=groups[TRANSLATORS],
                page=translation_root,
                permission=get_permission(apps, "wagtailcore", "page", codename),
            )

    create_moderation_workflow(apps, root_page, groups[MODERATORS])


def create_moderation_workflow(apps, root_page, moderators):
    """Editors submit, Moderators approve (and so publish): one task on the root page."""
    ContentType = apps.get_model("contenttypes.ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")

    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=TASK_NAME,
            active=True,
            content_type=ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")[0],
        )
    task.groups.add(moderators)

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=workflow.workflow_tasks.count())
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_locales_and_homepage"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_groups_and_workflow, migrations.RunPython.noop)]
