from django.conf import settings
from django.db import migrations


def create_locales_and_homepage(apps, schema_editor):
    """Replace Wagtail's welcome page with an English HomePage and add every locale."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")

    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    default_locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)

    Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore").delete()
    root = Page.objects.get(depth=1)
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])

    content_type, _created = ContentType.objects.get_or_create(model="homepage", app_label="home")
    homepage = HomePage.objects.create(
        title="Compatriots",
        draft_title="Compatriots",
        slug="home",
        content_type=content_type,
        path=f"{root.path}{root.numchild + 1:04d}",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=default_locale,
        live=True,
    )
    root.numchild += 1
    root.save(update_fields=["numchild"])

    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page_id=homepage.pk, is_default_site=True, site_name="Compatriots")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_locales_and_homepage, migrations.RunPython.noop)]
