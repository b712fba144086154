"""The one visibility rule (core.visibility) that every visitor surface uses."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from core.visibility import is_visible, visible_pages
from tests import factories

pytestmark = pytest.mark.django_db


def test_live_public_page_is_visible(home_page):
    page = factories.StandardPageFactory(parent=home_page)
    assert is_visible(page)
    assert visible_pages(site=Site.objects.get(is_default_site=True)).filter(pk=page.pk).exists()


def test_draft_is_not_visible(home_page):
    page = factories.StandardPageFactory(parent=home_page, live=False)
    assert not is_visible(page)
    assert not visible_pages().filter(pk=page.pk).exists()


def test_page_past_its_expiry_is_not_visible_before_publish_scheduled_runs(home_page):
    page = factories.StandardPageFactory(parent=home_page)
    page.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    page.save()
    assert page.live, "Wagtail keeps it live until publish_scheduled runs"
    assert not is_visible(page)
    assert not visible_pages().filter(pk=page.pk).exists()


def test_page_expiring_later_is_visible(home_page):
    page = factories.StandardPageFactory(parent=home_page)
    page.expire_at = timezone.now() + datetime.timedelta(days=1)
    page.save()
    assert is_visible(page)


def test_restriction_on_an_ancestor_hides_the_descendants(home_page):
    section = factories.StandardPageFactory(parent=home_page)
    child = factories.StandardPageFactory(parent=section)
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    assert not is_visible(child)
    assert not visible_pages().filter(pk__in=[section.pk, child.pk]).exists()


def test_pages_of_another_site_are_not_visible_on_this_one(home_page):
    other_root = factories.HomePageFactory(parent=home_page.get_parent(), locale=home_page.locale)
    other_page = factories.StandardPageFactory(parent=other_root)
    Site.objects.create(hostname="other.example", root_page=other_root)
    default_site = Site.objects.get(is_default_site=True)
    assert not is_visible(other_page, default_site)
    assert is_visible(other_page)


def test_expired_page_is_not_found_by_search_before_publish_scheduled_runs(client, home_page):
    page = factories.StandardPageFactory(parent=home_page, title="Zanzibarovka lecture")
    page.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.live
    body = client.get("/api/search/", {"q": "Zanzibarovka"}).json()
    assert body["count"] == 0
    suggestions = client.get("/api/search/suggest/", {"q": "Zanzibar"}).json()
    assert "Zanzibarovka" not in str(suggestions)
