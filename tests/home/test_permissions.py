"""What each editorial group may do, proven through the real admin views.

Editors write and submit for moderation; Moderators approve and publish;
Translators translate (and publish translations) but can neither edit nor
publish a source page. The groups and the workflow come from the migrations,
so these tests also prove that a fresh database is set up for editors.
"""

from http import HTTPStatus

import pytest
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from home.models import StandardPage
from localisation.translation import translate_page
from tests import factories
from tests.helpers.admin_forms import standard_page_data


@pytest.fixture
def about_page(home_page):
    return factories.StandardPageFactory(parent=home_page, title="About us")


def add_standard_page(client, parent, slug, action):
    return client.post(
        reverse("wagtailadmin_pages:add", args=["home", "standardpage", parent.pk]),
        standard_page_data("About the network", slug, **{action: "1"}),
    )


@pytest.mark.parametrize("group_name", ["Editors", "Moderators", "Translators"])
def test_every_group_reaches_the_admin(db, client, group_name):
    client.force_login(factories.UserFactory(group=group_name))
    assert client.get(reverse("wagtailadmin_home")).status_code == HTTPStatus.OK


def test_new_pages_go_through_the_moderators_workflow(home_page):
    workflow = home_page.get_workflow()
    assert workflow is not None and workflow.active
    [task] = workflow.tasks.specific()
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]


class TestEditor:
    def test_creates_a_draft(self, client, editor, home_page):
        client.force_login(editor)
        response = add_standard_page(client, home_page, "network", "action-save-draft")
        assert response.status_code == HTTPStatus.FOUND
        page = StandardPage.objects.get(slug="network")
        assert not page.live
        assert page.has_unpublished_changes

    def test_cannot_publish(self, client, editor, home_page, about_page):
        client.force_login(editor)
        assert not about_page.permissions_for_user(editor).can_publish()
        add_standard_page(client, home_page, "network", "action-publish")
        assert not StandardPage.objects.get(slug="network").live

    def test_submits_for_moderation(self, client, editor, home_page):
        client.force_login(editor)
        add_standard_page(client, home_page, "network", "action-submit")
        page = StandardPage.objects.get(slug="network")
        state = page.current_workflow_state
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.current_task_state.task.name == "Moderators approval"
        assert not page.live


class TestModerator:
    def test_approves_an_editors_submission_which_publishes_it(self, client, editor, moderator, home_page):
        client.force_login(editor)
        add_standard_page(client, home_page, "network", "action-submit")
        page = StandardPage.objects.get(slug="network")
        task_state = page.current_workflow_state.current_task_state

        client.force_login(moderator)
        response = client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
            {"comment": "Good to go."},
        )
        assert response.status_code in (HTTPStatus.OK, HTTPStatus.FOUND)
        page.refresh_from_db()
        assert page.live
        assert page.current_workflow_state is None

    def test_publishes_directly(self, client, moderator, home_page):
        client.force_login(moderator)
        add_standard_page(client, home_page, "network", "action-publish")
        assert StandardPage.objects.get(slug="network").live

    def test_locks_a_page(self, moderator, editor, about_page):
        assert about_page.permissions_for_user(moderator).can_lock()
        assert not about_page.permissions_for_user(editor).can_lock()


class TestTranslator:
    def test_cannot_edit_a_source_page(self, client, translator, about_page):
        client.force_login(translator)
        assert not about_page.permissions_for_user(translator).can_edit()
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[about_page.pk]),
            standard_page_data("Changed by a translator", about_page.slug),
        )
        assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
        assert Page.objects.get(pk=about_page.pk).title == "About us"

    def test_cannot_publish_a_source_page(self, client, translator, home_page, about_page):
        client.force_login(translator)
        assert not about_page.permissions_for_user(translator).can_publish()
        add_standard_page(client, home_page, "by-translator", "action-publish")
        assert not StandardPage.objects.filter(slug="by-translator").exists()

    def test_submits_a_translation_and_may_edit_and_publish_it(self, client, translator, home_page, locales):
        client.force_login(translator)
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[home_page.pk]),
            {"locales": [locales["nl"].pk]},
        )
        assert response.status_code == HTTPStatus.FOUND
        dutch_home = home_page.get_translation(locales["nl"])
        permissions = dutch_home.permissions_for_user(translator)
        assert permissions.can_edit()
        assert permissions.can_publish()
        assert client.get(reverse("wagtailadmin_pages:edit", args=[dutch_home.pk])).status_code == HTTPStatus.OK
        # ... while the English source stays out of reach.
        assert not home_page.permissions_for_user(translator).can_edit()

    def test_translations_made_outside_the_admin_are_open_to_translators(self, translator, home_page, locales):
        french_home = translate_page(home_page, locales["fr"], {"title": "Compatriotes"})
        assert french_home.permissions_for_user(translator).can_publish()
