"""Pages a visitor may not see are neither served nor linked, even before ``publish_scheduled`` runs."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from tests import factories

pytestmark = pytest.mark.django_db


def expired(page):
    type(page).objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    page.refresh_from_db()
    return page


def test_a_live_page_past_its_expiry_is_not_served(client, home_page):
    page = expired(factories.StandardPageFactory(parent=home_page, title="Old notice", slug="old-notice"))
    assert page.live
    response = client.get("/en/old-notice/")
    assert response.status_code == 404
    assert "Old notice" not in response.content.decode()


def test_a_page_expiring_later_is_served(client, home_page):
    page = factories.StandardPageFactory(parent=home_page, title="Notice", slug="notice")
    type(page).objects.filter(pk=page.pk).update(expire_at=timezone.now() + datetime.timedelta(days=1))
    assert client.get("/en/notice/").status_code == 200


def test_rich_text_links_only_to_pages_a_visitor_may_see(client, home_page):
    public = factories.StandardPageFactory(parent=home_page, title="Open", slug="open")
    draft = factories.StandardPageFactory(parent=home_page, title="Draft", slug="secret-draft", live=False)
    old = expired(factories.StandardPageFactory(parent=home_page, title="Old", slug="secret-old"))
    members = factories.StandardPageFactory(parent=home_page, title="Members", slug="secret-members")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    inside = factories.StandardPageFactory(parent=members, title="Inside", slug="secret-inside")
    links = "".join(
        f'<a linktype="page" id="{page.pk}">link {number}</a> '
        for number, page in enumerate([public, draft, old, inside])
    )
    factories.StandardPageFactory(
        parent=home_page, title="About", slug="about", body=[("paragraph", RichText(f"<p>{links}</p>"))]
    )

    content = client.get("/en/about/").content.decode()

    assert '<a href="/en/open/">link 0</a>' in content
    assert "secret-" not in content
    # The text stays, without a link.
    assert all(f"link {number}" in content for number in (1, 2, 3))
