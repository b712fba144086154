from django.db import migrations


class Migration(migrations.Migration):
    """``url`` shadowed Wagtail's ``Page.url`` (the page's own address)."""

    dependencies = [("events", "0004_recurrence")]

    operations = [migrations.RenameField(model_name="eventpage", old_name="url", new_name="details_url")]
