"""Translating a page with wagtail-localize and synchronising it from its source."""

import polib
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.strings import StringValue

from cooperation.models import CooperationIndexPage, CooperationProtocolPage, JointActivity
from heritage.models import HeritageGalleryImage
from tests import factories


def import_strings(translation, strings, django_capture_on_commit_callbacks, publish=True):
    """Translate the segments whose context is in ``strings``, as a PO upload would."""
    po = translation.source.export_po()
    translated = polib.POFile()
    translated.metadata = po.metadata
    translated.metadata["X-WagtailLocalize-TranslationID"] = str(translation.uuid)
    for entry in po:
        if entry.msgctxt in strings:
            msgstr = StringValue.from_plaintext(strings[entry.msgctxt]).data
            translated.append(polib.POEntry(msgid=entry.msgid, msgctxt=entry.msgctxt, msgstr=msgstr))
    translation.import_po(translated)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=publish)


def publish(page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


def test_translation_keeps_translated_fields_and_syncs_the_rest(
    organisation_section, translate, django_capture_on_commit_callbacks
):
    logo = factories.ImageFactory()
    source = factories.OrganisationPageFactory(
        parent=organisation_section["en"],
        title="Flemish Choir",
        city="Antwerp",
        country="BE",
        founded_year=1995,
        kind="association",
        external_id="flemish-choir",
        logo=logo,
    )
    dutch = translate(source, "nl", {"title": "Vlaams Koor", "slug": "vlaams-koor", "city": "Antwerpen"})
    assert (dutch.title, dutch.city, dutch.founded_year, dutch.external_id) == (
        "Vlaams Koor",
        "Antwerpen",
        1995,
        "flemish-choir",
    )

    source.founded_year = 1994
    source.kind = "federation"
    source.country = "NL"
    source.logo = None
    publish(source, django_capture_on_commit_callbacks)
    translation_source = TranslationSource.objects.get_for_instance(source)
    translation_source.update_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        Translation.objects.get(source=translation_source, target_locale__language_code="nl").save_target()

    dutch.refresh_from_db()
    assert dutch.live
    assert (dutch.title, dutch.slug, dutch.city) == ("Vlaams Koor", "vlaams-koor", "Antwerpen")
    assert (dutch.founded_year, dutch.kind, str(dutch.country), dutch.logo) == (1994, "federation", "NL", None)


def test_memberships_are_synchronised_from_the_source(organisation_section, translate, federation):
    member = factories.OrganisationPageFactory(parent=organisation_section["en"], title="Member")
    factories.OrganisationMembershipFactory(member=member, organisation=federation)
    dutch = translate(member, "nl", {"title": "Lid", "slug": "lid"})
    assert [m.organisation for m in dutch.memberships.all()] == [federation]


def test_tags_are_translated_one_by_one_and_survive_a_sync(
    organisation_section, translate, django_capture_on_commit_callbacks
):
    source = factories.OrganisationPageFactory(parent=organisation_section["en"], title="Choir")
    source.tags.add("choir", "folk music")
    publish(source, django_capture_on_commit_callbacks)
    dutch = translate(source, "nl", {"title": "Koor", "slug": "koor"})
    translation = Translation.objects.get(target_locale__language_code="nl", source__object_id=source.translation_key)
    import_strings(
        translation, {"tags.choir": "koor", "tags.folk-music": "volksmuziek"}, django_capture_on_commit_callbacks
    )
    dutch.refresh_from_db()
    assert sorted(dutch.tags.names()) == ["koor", "volksmuziek"]
    assert sorted(source.tags.names()) == ["choir", "folk music"]

    # The source gains a tag: the sync keeps the Dutch words and brings the
    # new tag, untranslated until a translator gets to it.
    source.tags.add("dance")
    publish(source, django_capture_on_commit_callbacks)
    translation.source.update_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target()
    dutch = type(dutch).objects.get(pk=dutch.pk)
    assert sorted(dutch.tags.names()) == ["dance", "koor", "volksmuziek"]


def test_po_export_and_reimport_round_trip(organisation_section, translate, django_capture_on_commit_callbacks):
    source = factories.OrganisationPageFactory(
        parent=organisation_section["en"], title="Pushkin Fund", summary="A fund for poetry."
    )
    translation_source, _created = TranslationSource.get_or_create_from_instance(source)
    translation = Translation.objects.create(
        source=translation_source, target_locale=Locale.objects.get(language_code="fr")
    )
    exported = translation.export_po()
    contexts = {entry.msgctxt: entry.msgid for entry in exported}
    assert contexts["title"] == "Pushkin Fund"
    assert contexts["summary"] == "A fund for poetry."
    assert "founded_year" not in contexts  # language-independent: never offered to translate

    # A translator fills the file in (for example in Poedit) and uploads it back.
    for entry in exported:
        entry.msgstr = {
            "title": "Fonds Pouchkine",
            "slug": "fonds-pouchkine",
            "summary": "Un fonds pour la poésie.",
        }.get(entry.msgctxt, "")
    reimported = polib.pofile(exported.__unicode__())
    translation.import_po(reimported)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target()
    french = source.get_translation(Locale.objects.get(language_code="fr")).specific
    assert (french.title, french.slug, french.summary) == (
        "Fonds Pouchkine",
        "fonds-pouchkine",
        "Un fonds pour la poésie.",
    )
    assert translation.get_progress() == (len(exported), len([e for e in exported if e.msgstr]))


def test_gallery_captions_are_translated_and_the_images_synchronised(
    client, sections, translated_home, translate, django_capture_on_commit_callbacks
):
    translate(sections["heritage"], "nl", {"title": "Erfgoed", "slug": "erfgoed"})
    photo = factories.ImageFactory()
    source = factories.HeritageProjectPageFactory(parent=sections["heritage"], title="Uccle graves")
    # Added as the editor's inline form adds it: with no locale of its own.
    source.gallery_images = [HeritageGalleryImage(image=photo, alt_text="A restored cross", caption="After the works")]
    publish(source, django_capture_on_commit_callbacks)
    image = HeritageGalleryImage.objects.get(project=source)
    assert image.locale == source.locale

    dutch = translate(source, "nl", {"title": "Graven in Ukkel", "slug": "graven-in-ukkel"})
    translation = Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(source), target_locale__language_code="nl"
    )
    caption, alt_text = (
        f"gallery_images.{image.translation_key}.caption",
        f"gallery_images.{image.translation_key}.alt_text",
    )
    assert {caption, alt_text} <= {entry.msgctxt for entry in translation.source.export_po()}
    import_strings(
        translation, {caption: "Na de werken", alt_text: "Een gerestaureerd kruis"}, django_capture_on_commit_callbacks
    )

    dutch_image = HeritageGalleryImage.objects.get(project=dutch)
    assert (dutch_image.caption, dutch_image.alt_text) == ("Na de werken", "Een gerestaureerd kruis")
    assert (dutch_image.image, dutch_image.translation_key, dutch_image.locale.language_code) == (
        photo,
        image.translation_key,
        "nl",
    )
    html = client.get(dutch.url).content.decode()
    assert "Na de werken" in html and 'alt="Een gerestaureerd kruis"' in html
    image.refresh_from_db()
    assert image.caption == "After the works"


def test_joint_activity_titles_are_translated_and_the_rest_follows_the_source(
    home_page, sections, translated_home, translate, django_capture_on_commit_callbacks
):
    index = CooperationIndexPage(title="Cooperation", slug="cooperation")
    home_page.add_child(instance=index)
    translate(index, "nl", {"title": "Samenwerking", "slug": "samenwerking"})
    concert = factories.EventPageFactory(parent=sections["events"], title="Joint concert")
    protocol = CooperationProtocolPage(title="Protocol 2016", slug="protocol-2016", year=2016)
    protocol.activities = [JointActivity(title="Choir festival", linked_page=concert, carried_out=True)]
    index.add_child(instance=protocol)
    publish(protocol, django_capture_on_commit_callbacks)
    activity = JointActivity.objects.get(protocol=protocol)

    dutch = translate(protocol, "nl", {"title": "Protocol 2016", "slug": "protocol-2016"})
    translation = Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(protocol), target_locale__language_code="nl"
    )
    import_strings(
        translation,
        {f"activities.{activity.translation_key}.title": "Koorfestival"},
        django_capture_on_commit_callbacks,
    )

    dutch_activity = JointActivity.objects.get(protocol=dutch)
    assert (dutch_activity.title, dutch_activity.linked_page_id, dutch_activity.carried_out) == (
        "Koorfestival",
        concert.pk,
        True,
    )
    assert (dutch_activity.translation_key, dutch_activity.locale.language_code) == (activity.translation_key, "nl")
    activity.refresh_from_db()
    assert activity.title == "Choir festival"


def test_translate_page_takes_child_texts_in_the_sources_order(sections, translated_home, translate):
    translate(sections["heritage"], "nl", {"title": "Erfgoed", "slug": "erfgoed"})
    source = factories.HeritageProjectPageFactory(parent=sections["heritage"], title="Uccle graves")
    source.gallery_images = [
        HeritageGalleryImage(image=factories.ImageFactory(), alt_text=f"Photo {number}", caption=f"Caption {number}")
        for number in (1, 2)
    ]
    source.save_revision().publish()

    dutch = translate(
        source,
        "nl",
        {
            "title": "Graven in Ukkel",
            "slug": "graven-in-ukkel",
            "gallery_images": [{"caption": "Onderschrift 1"}, {"caption": "Onderschrift 2", "alt_text": "Foto 2"}],
        },
    )

    assert [(image.caption, image.alt_text) for image in dutch.gallery_images.all()] == [
        ("Onderschrift 1", "Photo 1"),
        ("Onderschrift 2", "Foto 2"),
    ]
