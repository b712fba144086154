# The page tags' model moved from home to core (core.models.PageTag): the
# tags field points at it. No schema change: the through table is the same.

import modelcluster.contrib.taggit
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
        ('listings', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='collectionpage',
            name='tags',
            field=modelcluster.contrib.taggit.ClusterTaggableManager(blank=True, help_text='A comma-separated list of tags.', through='core.PageTag', to='taggit.Tag', verbose_name='tags'),
        ),
    ]
