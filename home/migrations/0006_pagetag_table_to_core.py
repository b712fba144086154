# The page tags' model moves to core (core.models.PageTag): its table takes
# the name Django gives core's model, and core's first migration adopts it.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('home', '0005_promotions_and_redirects_permissions'),
    ]

    operations = [
        migrations.AlterModelTable(name='pagetag', table='core_pagetag'),
    ]
