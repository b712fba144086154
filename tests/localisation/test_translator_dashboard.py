"""The translator's dashboard panel: their work per language, with counts."""

from wagtail.models import Locale
from wagtail_localize.operations import translate_object

from accounts.translator_groups import language_group_name
from tests import factories


def test_a_translator_sees_new_in_progress_and_changed_work_in_their_language(
    client, federation, translate, organisation_section, django_capture_on_commit_callbacks
):
    french = Locale.objects.get(language_code="fr")
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(federation, [french])
    started = factories.OrganisationPageFactory(parent=organisation_section["en"], title="Choir", slug="choir")
    translate(started, "fr", {"title": "Chorale", "slug": "chorale"})
    with django_capture_on_commit_callbacks(execute=True):
        started.save_revision().publish()

    client.force_login(factories.UserFactory(group=language_group_name("fr")))
    html = client.get("/admin/").content.decode()
    assert "Your translation work" in html
    assert "New: <strong>1</strong>" in html
    assert "In progress: <strong>1</strong>" in html
    assert "Source changed: <strong>1</strong>" in html
    assert "Coordination Council" in html and "Chorale" in html
    assert "Nederlands" not in html.split("Your translation work")[1]


def test_no_panel_for_editors(admin_client, client, home_page):
    client.force_login(factories.UserFactory(group="Editors"))
    assert "Your translation work" not in client.get("/admin/").content.decode()
