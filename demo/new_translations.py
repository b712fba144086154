"""The first translations of a page built in code, written together as the import writes its own.

A page the demo builds (a cooperation protocol with two hundred activities, a
form, a collection) gets its translations into the other languages the first
time the demo loads. Through wagtail-localize one language at a time, each
costs a page copy, the ingestion of every segment, a revision and a publish,
with every inline row deleted and written again at each step. A page never
translated before needs none of that: its translation source, segments, and
translated pages are written once each, with the importer's batch functions
(:mod:`interchange.bulk_translations`), which write what wagtail-localize's
own calls would have written.
"""

from django.utils import timezone
from django.utils.text import slugify
from modelcluster.fields import ParentalManyToManyField
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from interchange.bulk_pages import TreeSlots, insert_children, insert_pages, insert_tags, save_revisions, set_state
from interchange.bulk_translations import create_sources, create_translations, translated_copy
from localisation.translation import translated_texts


def never_translated(source):
    """Whether ``source`` has no translation and no wagtail-localize record yet, and its parent
    has a page in every language (where the translations go)."""
    if source.get_translations().exists():
        return False
    if TranslationSource.objects.filter(object_id=source.translation_key).exists():
        return False
    parent = source.get_parent()
    return parent.get_translations(inclusive=True).count() == Locale.objects.count()


def translate_new(source, wanted):
    """Write the translations ``[(locale, values)]`` of ``source`` (``values`` as
    :func:`localisation.translation.translate_page` takes them), live, with their records."""
    segments = create_sources([source])[source.pk]
    paths = [value.path for value in segments.values]
    parent = source.get_parent()
    tags = [tag.name for tag in source.tags.all()]
    tree = TreeSlots()
    # Copied as wagtail-localize's page copy copies them (a collection's page types); the rows a page's save would write.
    many_to_many = [field for field in type(source)._meta.many_to_many if isinstance(field, ParentalManyToManyField)]
    now = timezone.now()
    pages, records = [], []
    for locale, values in wanted:
        texts = translated_texts(source, values, paths)
        target_parent, slug = parent.get_translation(locale), slugify(values.get("slug") or source.slug)

        def placement(page, target_parent=target_parent, slug=slug):
            tree.place(page, target_parent, slug)

        page = translated_copy(source, locale, texts, segments, placement)
        for field in many_to_many:
            setattr(page, field.name, list(getattr(source, field.name).all()))
        set_state(page, "live", now)
        pages.append(page)
        records.append((locale, texts, segments))
    insert_pages(pages)
    for page in pages:
        for field in many_to_many:
            getattr(page, field.name).commit()
    tree.count_children()
    insert_children(pages)
    # wagtail-localize copies the source's tags to a new translation.
    insert_tags([(page, tags) for page in pages])
    save_revisions(pages, dict.fromkeys((page.pk for page in pages), "live"))
    create_translations(records)
    return pages
