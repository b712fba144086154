"""Tags translated with their page in wagtail-localize's translation editor.

Taggit's tags are a many-to-many relation that wagtail-localize cannot
translate (it synchronises them, so every sync would overwrite a Dutch page's
tags with the English ones). This manager exposes each tag of the source as one
translatable string: translators translate "choir" into "koor" next to the
title and the body, and a sync re-applies the source's set of tags in the
translator's words. A tag left untranslated keeps the source's name.
"""

from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail_localize.segments import StringSegmentValue


def tag_segment_key(tag):
    # Context paths are dot-separated: slugify drops dots and keeps Cyrillic.
    return slugify(tag.name, allow_unicode=True) or str(tag.pk)


class TranslatableTagManager(ClusterTaggableManager):
    def get_translatable_segments(self, tags):
        return [StringSegmentValue(tag_segment_key(tag), tag.name) for tag in tags]

    def restore_translated_segments(self, tags, segments):
        translated = {segment.path: segment.render_text() for segment in segments}
        return [translated.get(tag_segment_key(tag), tag.name) for tag in tags]

    def __set__(self, instance, names):
        # wagtail-localize assigns the restored value to the field's attribute.
        self.__get__(instance, type(instance)).set(names)

    def deconstruct(self):
        # Migrations see a plain ClusterTaggableManager: no migration in any app.
        name, _path, args, kwargs = super().deconstruct()
        return name, "modelcluster.contrib.taggit.ClusterTaggableManager", args, kwargs
