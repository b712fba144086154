"""Existing view restrictions applied to every translation of their pages (localisation.restrictions).

A translation with no restriction of its own gets a copy of those of the
oldest restricted translation of its page; none is lifted or changed, so that
no page becomes public by it.
"""

from django.db import migrations


def restrict_translations(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    PageViewRestriction = apps.get_model("wagtailcore", "PageViewRestriction")
    reference, rows = {}, {}
    for restriction in (
        PageViewRestriction.objects.select_related("page").prefetch_related("groups").order_by("page_id", "pk")
    ):
        page_id = reference.setdefault(restriction.page.translation_key, restriction.page_id)
        if page_id == restriction.page_id:
            rows.setdefault(page_id, []).append(restriction)
    unrestricted = Page.objects.filter(translation_key__in=list(reference), view_restrictions__isnull=True).values_list(
        "pk", "translation_key"
    )
    for page_id, key in unrestricted:
        for restriction in rows[reference[key]]:
            copy = PageViewRestriction.objects.create(
                page_id=page_id, restriction_type=restriction.restriction_type, password=restriction.password
            )
            copy.groups.set(restriction.groups.all())


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(restrict_translations, migrations.RunPython.noop)]
