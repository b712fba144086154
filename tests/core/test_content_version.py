"""core.cache: one version of the published content, moved on by every change a visitor could see."""

import pytest
from django.core.cache import caches
from django.test import override_settings
from wagtail.models import PageViewRestriction

from core.cache import bump_content_version, content_cache, content_changed_at, content_version
from tests import factories

pytestmark = pytest.mark.django_db


def moves_the_version(change):
    before = content_version()
    change()
    return content_version() != before


def test_publish_unpublish_move_restriction_and_delete_each_move_the_version(sections):
    organisation = factories.OrganisationPageFactory(parent=sections["organisations"], live=False)

    assert moves_the_version(lambda: organisation.save_revision().publish())
    organisation.refresh_from_db()
    assert moves_the_version(organisation.unpublish)
    assert moves_the_version(lambda: organisation.move(sections["organisations"], pos="first-child"))
    assert moves_the_version(
        lambda: PageViewRestriction.objects.create(page=organisation, restriction_type=PageViewRestriction.LOGIN)
    )
    assert moves_the_version(organisation.delete)


def test_two_changes_in_a_row_give_two_versions_and_the_date_of_the_last(db):
    versions = set()
    for _change in range(5):
        bump_content_version()
        versions.add(content_version())

    assert len(versions) == 5
    assert content_changed_at().timestamp() == int(float(content_version()))


def test_kept_where_every_worker_sees_it_when_a_shared_cache_is_configured(db):
    shared = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "worker"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"},
    }
    with override_settings(CACHES=shared):
        bump_content_version()
        assert content_cache() is caches["pages"]
        assert caches["pages"].get("core:content-version") == content_version()
        assert caches["default"].get("core:content-version") is None
