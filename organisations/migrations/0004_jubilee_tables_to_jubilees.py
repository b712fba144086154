# Jubilees leave the organisations app for their own (jubilees): their
# tables take the names Django gives that app's models, and their content types
# follow, so existing pages, revisions and permissions keep pointing at them.

from django.db import migrations

JUBILEE_MODELS = ("jubileeindexpage", "jubileepage", "jubileeevent")


def content_types_to(source, target):
    def move(apps, schema_editor):
        content_types = apps.get_model("contenttypes", "ContentType").objects
        for model in JUBILEE_MODELS:
            if not content_types.filter(app_label=target, model=model).exists():
                content_types.filter(app_label=source, model=model).update(app_label=target)

    return move


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('organisations', '0003_website_web_address'),
    ]

    operations = [
        migrations.AlterModelTable(name='jubileeindexpage', table='jubilees_jubileeindexpage'),
        migrations.AlterModelTable(name='jubileepage', table='jubilees_jubileepage'),
        migrations.AlterModelTable(name='jubileeevent', table='jubilees_jubileeevent'),
        migrations.RunPython(
            content_types_to("organisations", "jubilees"), content_types_to("jubilees", "organisations")
        ),
    ]
