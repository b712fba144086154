# Jubilees leave the organisations app for their own. The tables were
# renamed by organisations' migration 0003; this state adopts them.

import django.db.models.deletion
import modelcluster.contrib.taggit
import modelcluster.fields
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('core', '0001_initial'),
        ('events', '0006_tags_through_core_pagetag'),
        ('organisations', '0004_jubilee_tables_to_jubilees'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailimages', '0027_image_description'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='JubileeIndexPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('summary', models.TextField(blank=True, help_text='One or two sentences shown in listings, search results and to search engines.', max_length=1000, verbose_name='summary')),
                        ('image_alt', models.CharField(blank=True, help_text='Required with an image: what the image shows, for people who cannot see it.', max_length=255, verbose_name='main image alternative text')),
                        ('body', wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('image', 7), ('quote', 10), ('embed', 11), ('document', 14)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'Heading', 'max_length': 255}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'Level 2'), ('h3', 'Level 3'), ('h4', 'Level 4')], 'help_text': 'Keep heading levels in order for screen-reader users.'}), 2: ('wagtail.blocks.StructBlock', [[('text', 0), ('level', 1)]], {}), 3: ('core.blocks.ParagraphBlock', (), {}), 4: ('wagtail.images.blocks.ImageChooserBlock', (), {'label': 'Image'}), 5: ('wagtail.blocks.CharBlock', (), {'help_text': 'Describe the image for people who cannot see it.', 'label': 'Alternative text', 'max_length': 255}), 6: ('wagtail.blocks.CharBlock', (), {'label': 'Caption', 'max_length': 255, 'required': False}), 7: ('wagtail.blocks.StructBlock', [[('image', 4), ('alt_text', 5), ('caption', 6)]], {}), 8: ('wagtail.blocks.TextBlock', (), {'label': 'Quote'}), 9: ('wagtail.blocks.CharBlock', (), {'label': 'Attribution', 'max_length': 255, 'required': False}), 10: ('wagtail.blocks.StructBlock', [[('text', 8), ('attribution', 9)]], {}), 11: ('core.blocks.EmbedWithCaptionBlock', (), {}), 12: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': 'Document'}), 13: ('wagtail.blocks.CharBlock', (), {'label': 'Link text', 'max_length': 255, 'required': False}), 14: ('wagtail.blocks.StructBlock', [[('document', 12), ('title', 13)]], {})}, verbose_name='body')),
                        ('external_id', models.CharField(blank=True, db_index=True, help_text='Stable id used by content import and export; shared by all translations of a page.', max_length=100, verbose_name='external id')),
                        ('image', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='main image')),
                        ('tags', modelcluster.contrib.taggit.ClusterTaggableManager(blank=True, help_text='A comma-separated list of tags.', through='core.PageTag', to='taggit.Tag', verbose_name='tags')),
                    ],
                    options={
                        'verbose_name': 'jubilee index page',
                    },
                    bases=('wagtailcore.page',),
                ),
                migrations.CreateModel(
                    name='JubileePage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('summary', models.TextField(blank=True, help_text='One or two sentences shown in listings, search results and to search engines.', max_length=1000, verbose_name='summary')),
                        ('image_alt', models.CharField(blank=True, help_text='Required with an image: what the image shows, for people who cannot see it.', max_length=255, verbose_name='main image alternative text')),
                        ('body', wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('image', 7), ('quote', 10), ('embed', 11), ('document', 14)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'Heading', 'max_length': 255}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'Level 2'), ('h3', 'Level 3'), ('h4', 'Level 4')], 'help_text': 'Keep heading levels in order for screen-reader users.'}), 2: ('wagtail.blocks.StructBlock', [[('text', 0), ('level', 1)]], {}), 3: ('core.blocks.ParagraphBlock', (), {}), 4: ('wagtail.images.blocks.ImageChooserBlock', (), {'label': 'Image'}), 5: ('wagtail.blocks.CharBlock', (), {'help_text': 'Describe the image for people who cannot see it.', 'label': 'Alternative text', 'max_length': 255}), 6: ('wagtail.blocks.CharBlock', (), {'label': 'Caption', 'max_length': 255, 'required': False}), 7: ('wagtail.blocks.StructBlock', [[('image', 4), ('alt_text', 5), ('caption', 6)]], {}), 8: ('wagtail.blocks.TextBlock', (), {'label': 'Quote'}), 9: ('wagtail.blocks.CharBlock', (), {'label': 'Attribution', 'max_length': 255, 'required': False}), 10: ('wagtail.blocks.StructBlock', [[('text', 8), ('attribution', 9)]], {}), 11: ('core.blocks.EmbedWithCaptionBlock', (), {}), 12: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': 'Document'}), 13: ('wagtail.blocks.CharBlock', (), {'label': 'Link text', 'max_length': 255, 'required': False}), 14: ('wagtail.blocks.StructBlock', [[('document', 12), ('title', 13)]], {})}, verbose_name='body')),
                        ('external_id', models.CharField(blank=True, db_index=True, help_text='Stable id used by content import and export; shared by all translations of a page.', max_length=100, verbose_name='external id')),
                        ('date', models.DateField(verbose_name='celebration date')),
                        ('anniversary', models.PositiveSmallIntegerField(blank=True, help_text='Left empty, it is derived from the founding year.', null=True, verbose_name='anniversary')),
                        ('organisation', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='jubilee_pages', to='organisations.organisationpage', verbose_name='organisation')),
                        ('image', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='main image')),
                        ('tags', modelcluster.contrib.taggit.ClusterTaggableManager(blank=True, help_text='A comma-separated list of tags.', through='core.PageTag', to='taggit.Tag', verbose_name='tags')),
                    ],
                    options={
                        'verbose_name': 'jubilee',
                    },
                    bases=('wagtailcore.page',),
                ),
                migrations.CreateModel(
                    name='JubileeEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='events.eventpage', verbose_name='event')),
                        ('jubilee', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='jubilee_events', to='jubilees.jubileepage')),
                    ],
                    options={
                        'ordering': ['sort_order'],
                        'abstract': False,
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
