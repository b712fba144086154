"""Search promotions and redirects: Moderators manage them, Editors propose (add), Translators neither."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from tests import factories


@pytest.fixture
def promotion(home_page):
    page = factories.StandardPageFactory(parent=home_page, title="Choir rehearsals")
    return SearchPromotion.objects.create(query=Query.get("choir"), page=page, sort_order=0)


@pytest.fixture
def redirect(db):
    return Redirect.objects.create(old_path="/old-news", redirect_link="https://example.org/")


def admin_views(promotion, redirect):
    return {
        "promotions index": reverse("wagtailsearchpromotions:index"),
        "promotions add": reverse("wagtailsearchpromotions:add"),
        "promotions edit": reverse("wagtailsearchpromotions:edit", args=[promotion.query_id]),
        "promotions delete": reverse("wagtailsearchpromotions:delete", args=[promotion.query_id]),
        "redirects index": reverse("wagtailredirects:index"),
        "redirects add": reverse("wagtailredirects:add"),
        "redirects edit": reverse("wagtailredirects:edit", args=[redirect.pk]),
        "redirects delete": reverse("wagtailredirects:delete", args=[redirect.pk]),
    }


ALLOWED = {
    "Moderators": {
        "promotions index",
        "promotions add",
        "promotions edit",
        "promotions delete",
        "redirects index",
        "redirects add",
        "redirects edit",
        "redirects delete",
    },
    "Editors": {"promotions index", "promotions add", "redirects index", "redirects add"},
    "Translators": set(),
}


@pytest.mark.parametrize("group_name", sorted(ALLOWED))
def test_each_group_reaches_exactly_its_views(client, promotion, redirect, group_name):
    client.force_login(factories.UserFactory(group=group_name))
    reached = {
        name for name, url in admin_views(promotion, redirect).items() if client.get(url).status_code == HTTPStatus.OK
    }
    assert reached == ALLOWED[group_name]


def test_an_editor_proposes_a_redirect_but_cannot_remove_one(client, redirect):
    client.force_login(factories.UserFactory(group="Editors"))
    response = client.post(
        reverse("wagtailredirects:add"),
        {"old_path": "/old-events", "redirect_link": "https://example.org/events", "is_permanent": "on"},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert Redirect.objects.filter(old_path="/old-events").exists()

    client.post(reverse("wagtailredirects:delete", args=[redirect.pk]))
    assert Redirect.objects.filter(pk=redirect.pk).exists()


def test_a_moderator_deletes_a_promotion(client, promotion):
    client.force_login(factories.UserFactory(group="Moderators"))
    response = client.post(reverse("wagtailsearchpromotions:delete", args=[promotion.query_id]))
    assert response.status_code == HTTPStatus.FOUND
    assert not SearchPromotion.objects.filter(pk=promotion.pk).exists()
