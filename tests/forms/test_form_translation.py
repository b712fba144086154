"""A form page is translated with its fields; every language's submissions share their columns."""

from http import HTTPStatus

from wagtail.contrib.forms.models import FormSubmission
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.segments.extract import extract_segments

from forms.models import FormField, FormPage


def translatable_names(model):
    return {field.field_name for field in get_translatable_fields(model) if field.is_translated(None)}


def test_translators_get_the_labels_help_texts_choices_and_confirmation():
    assert {"label", "help_text", "choices", "default_value"} <= translatable_names(FormField)
    assert "clean_name" not in translatable_names(FormField)
    assert {"form_fields", "thank_you_text", "title", "subject"} <= translatable_names(FormPage)
    assert "to_address" not in translatable_names(FormPage)


def test_the_dutch_form_asks_in_dutch_and_stores_under_the_same_names(client, contact_page, translated_home, translate):
    dutch = translate(
        contact_page,
        "nl",
        {
            "title": "Contact",
            "slug": "contact",
            "form_fields": [
                {"label": "Uw naam"},
                {"label": "Uw e-mailadres"},
                {"label": "Onderwerp", "choices": "Lidmaatschap\nActiviteiten"},
                {"label": "Bericht", "help_text": "Wat kunnen we voor u doen?"},
            ],
        },
    )

    html = client.get(dutch.url).content.decode()
    for text in ("Uw naam", "Onderwerp", "Lidmaatschap", "Wat kunnen we voor u doen?"):
        assert text in html
    assert "Your name" not in html
    assert [field.clean_name for field in dutch.form_fields.all()] == [
        field.clean_name for field in contact_page.form_fields.all()
    ]

    response = client.post(
        dutch.url,
        {"your_name": "Jan", "your_email": "jan@example.org", "topic": "Lidmaatschap", "message": "Hallo"},
    )

    assert response.status_code == HTTPStatus.OK
    assert '<html lang="nl">' in response.content.decode()
    assert FormSubmission.objects.get(page=dutch).get_data()["topic"] == "Lidmaatschap"


def test_the_translation_editor_offers_each_fields_texts_and_the_confirmation(contact_page):
    paths = {segment.path for segment in extract_segments(contact_page) if hasattr(segment, "string")}
    field_keys = [str(field.translation_key) for field in contact_page.form_fields.all()]

    assert any(path.startswith("thank_you_text") for path in paths)
    assert f"form_fields.{field_keys[0]}.label" in paths
    assert f"form_fields.{field_keys[2]}.choices" in paths
    assert f"form_fields.{field_keys[3]}.help_text" in paths
    assert not any(path.endswith("clean_name") or path.startswith("to_address") for path in paths)


def test_the_source_form_is_untouched_by_its_translation(client, contact_page, translated_home, translate):
    translate(contact_page, "nl", {"title": "Contact", "slug": "contact", "form_fields": [{"label": "Uw naam"}]})
    labels = list(FormPage.objects.get(pk=contact_page.pk).form_fields.values_list("label", flat=True))
    assert labels == ["Your name", "Your email", "Topic", "Message"]
