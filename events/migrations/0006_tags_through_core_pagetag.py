# The page tags' model moved from home to core (core.models.PageTag): the
# tags field points at it. No schema change: the through table is the same.

import modelcluster.contrib.taggit
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
        ('events', '0005_rename_url_to_details_url'),
    ]

    operations = [
        migrations.AlterField(
            model_name='eventindexpage',
            name='tags',
            field=modelcluster.contrib.taggit.ClusterTaggableManager(blank=True, help_text='A comma-separated list of tags.', through='core.PageTag', to='taggit.Tag', verbose_name='tags'),
        ),
        migrations.AlterField(
            model_name='eventpage',
            name='tags',
            field=modelcluster.contrib.taggit.ClusterTaggableManager(blank=True, help_text='A comma-separated list of tags.', through='core.PageTag', to='taggit.Tag', verbose_name='tags'),
        ),
    ]
