# The jubilee models now live in the jubilees app (its migration 0001 adopted
# their tables): they leave this app's migration state.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('jubilees', '0001_initial'),
        ('organisations', '0004_jubilee_tables_to_jubilees'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='JubileeEvent'),
                migrations.DeleteModel(name='JubileePage'),
                migrations.DeleteModel(name='JubileeIndexPage'),
            ],
            database_operations=[],
        ),
    ]
