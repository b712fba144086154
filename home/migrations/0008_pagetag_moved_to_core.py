# Every tags field now points at core.PageTag: home's model leaves the
# migration state. Its table, renamed in 0006, is core's now.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('home', '0007_tags_through_core_pagetag'),
        ('cooperation', '0004_tags_through_core_pagetag'),
        ('events', '0006_tags_through_core_pagetag'),
        ('forms', '0002_tags_through_core_pagetag'),
        ('heritage', '0006_tags_through_core_pagetag'),
        ('listings', '0002_tags_through_core_pagetag'),
        ('organisations', '0002_tags_through_core_pagetag'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='PageTag')],
            database_operations=[],
        ),
    ]
