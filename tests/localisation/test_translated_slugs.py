"""A translation's slug comes from its translated title when first published, unless the translator set one."""

import pytest
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import translate_object
from wagtail_localize.strings import StringValue


@pytest.fixture
def submitted(federation, django_capture_on_commit_callbacks):
    """The federation submitted into French and Russian, nothing translated yet."""
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(federation, list(Locale.objects.filter(language_code__in=["fr", "ru"])))
    return federation


def type_string(page, language_code, path, text):
    """What the translation editor does when a translator saves one string."""
    source = TranslationSource.objects.get_for_instance(page)
    segment = StringSegment.objects.get(source=source, context__path=path)
    StringTranslation.objects.update_or_create(
        translation_of=segment.string,
        context=segment.context,
        locale=Locale.objects.get(language_code=language_code),
        defaults={"data": StringValue.from_plaintext(text).data, "translation_type": "manual"},
    )


def publish(page, language_code, capture):
    translation = Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(page), target_locale__language_code=language_code
    )
    with capture(execute=True):
        translation.save_target(publish=True)
    return page.get_translation(Locale.objects.get(language_code=language_code))


def test_first_publication_takes_the_slug_of_the_translated_title(submitted, django_capture_on_commit_callbacks):
    assert publish(submitted, "fr", django_capture_on_commit_callbacks).slug == "coordination-council"
    type_string(submitted, "fr", "title", "Conseil de coordination")
    french = publish(submitted, "fr", django_capture_on_commit_callbacks)
    assert (french.title, french.slug) == ("Conseil de coordination", "conseil-de-coordination")
    assert french.url_path.endswith("/conseil-de-coordination/")


def test_cyrillic_titles_are_transliterated(submitted, django_capture_on_commit_callbacks):
    type_string(submitted, "ru", "title", "Координационный совет")
    assert publish(submitted, "ru", django_capture_on_commit_callbacks).slug == "koordinatsionnyy-sovet"


def test_the_slug_follows_the_title_until_published_then_stays(submitted, django_capture_on_commit_callbacks):
    type_string(submitted, "fr", "title", "Conseil")
    type_string(submitted, "fr", "title", "Conseil de coordination")
    assert publish(submitted, "fr", django_capture_on_commit_callbacks).slug == "conseil-de-coordination"
    type_string(submitted, "fr", "title", "Le conseil")
    assert publish(submitted, "fr", django_capture_on_commit_callbacks).slug == "conseil-de-coordination"


def test_a_slug_the_translator_typed_is_kept(submitted, django_capture_on_commit_callbacks):
    type_string(submitted, "fr", "slug", "ccb")
    type_string(submitted, "fr", "title", "Conseil de coordination")
    assert publish(submitted, "fr", django_capture_on_commit_callbacks).slug == "ccb"
