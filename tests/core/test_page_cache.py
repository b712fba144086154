"""The page cache for visitors: what is kept, what never is, and what purges it."""

from contextlib import contextmanager
from http import HTTPStatus

import pytest
from django.db import connection
from wagtail.models import PageViewRestriction

from core.page_cache import STATUS_HEADER
from tests import factories


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def organisation(sections):
    return factories.OrganisationPageFactory(parent=sections["organisations"], title="Union of Compatriots")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """A change made in its own transaction, the test's set-up taken as committed before it."""

    @contextmanager
    def change(execute=True):
        # The set-up's own purges wait in the test's transaction, which never commits.
        connection.run_on_commit.clear()
        with django_capture_on_commit_callbacks(execute=execute):
            yield

    return change


def get(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == HTTPStatus.OK, url
    return response


def test_a_visitors_second_request_is_answered_from_the_cache_without_queries(
    client, organisation, django_assert_num_queries
):
    first = get(client, organisation.url)
    assert first[STATUS_HEADER] == "miss"
    assert "public" in first["Cache-Control"] and "s-maxage=300" in first["Cache-Control"]
    assert "max-age=0" in first["Cache-Control"]
    assert "Cookie" in first["Vary"]

    with django_assert_num_queries(0):
        second = get(client, organisation.url)
    assert second[STATUS_HEADER] == "hit"
    assert second.content == first.content
    # The headers added around the cache still come with a kept page.
    assert "Content-Security-Policy" in second


def test_each_query_string_and_language_is_kept_apart(client, sections, organisation):
    index_url = sections["organisations"].url
    get(client, index_url)
    assert get(client, index_url + "?page=2")[STATUS_HEADER] == "miss"
    assert get(client, index_url)[STATUS_HEADER] == "hit"


def test_page_cache_off_serves_every_request_fresh(client, settings, organisation):
    settings.PAGE_CACHE = False
    get(client, organisation.url)
    assert STATUS_HEADER not in get(client, organisation.url)


def test_a_signed_in_editor_never_gets_or_leaves_a_kept_page(client, organisation):
    editor = factories.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(editor)
    as_editor = get(client, organisation.url)
    assert STATUS_HEADER not in as_editor
    assert "private" in as_editor["Cache-Control"]

    client.logout()
    assert get(client, organisation.url)[STATUS_HEADER] == "miss"  # the editor's page was not kept
    client.force_login(editor)
    assert STATUS_HEADER not in get(client, organisation.url)  # nor is the visitors' page served to them


def test_a_private_page_with_its_password_form_is_never_kept(client, organisation):
    PageViewRestriction.objects.create(
        page=organisation, restriction_type=PageViewRestriction.PASSWORD, password="opensesame"
    )
    first = get(client, organisation.url)
    assert b"csrfmiddlewaretoken" in first.content
    assert STATUS_HEADER not in first
    assert "public" not in first.get("Cache-Control", "")
    assert STATUS_HEADER not in get(client, organisation.url)


def test_a_page_under_a_restricted_section_is_never_kept(client, sections, organisation):
    PageViewRestriction.objects.create(page=sections["organisations"], restriction_type=PageViewRestriction.LOGIN)
    response = client.get(organisation.url)
    assert response.status_code == HTTPStatus.FOUND  # to the sign-in page
    assert STATUS_HEADER not in response


def test_a_preview_is_never_kept_nor_answered_from_the_cache(client, organisation):
    get(client, organisation.url)
    organisation.title = "Draft title in preview"
    # Wagtail renders a preview as a dummy request for the page's own address.
    preview = organisation.make_preview_request()
    assert preview.status_code == HTTPStatus.OK
    assert b"Draft title in preview" in preview.content
    assert STATUS_HEADER not in preview
    visitor = get(client, organisation.url)
    assert visitor[STATUS_HEADER] == "hit"
    assert b"Draft title in preview" not in visitor.content


def test_search_results_are_not_kept(client, home_page):
    response = client.get("/en/search/?q=union")
    assert STATUS_HEADER not in response


def test_publishing_the_page_purges_it(client, organisation, committed):
    get(client, organisation.url)
    assert get(client, organisation.url)[STATUS_HEADER] == "hit"

    organisation.title = "Union of Compatriots, renamed"
    with committed():
        organisation.save_revision().publish()

    response = get(client, organisation.url)
    assert response[STATUS_HEADER] == "miss"
    assert b"Union of Compatriots, renamed" in response.content


def test_publishing_a_listed_page_purges_the_index_that_lists_it(client, sections, organisation, committed):
    index_url = sections["organisations"].url
    get(client, index_url)
    assert get(client, index_url)[STATUS_HEADER] == "hit"

    with committed():
        factories.OrganisationPageFactory(parent=sections["organisations"], title="Brand New Foundation")

    response = get(client, index_url)
    assert response[STATUS_HEADER] == "miss"
    assert b"Brand New Foundation" in response.content


@pytest.mark.parametrize("change", ["unpublish", "delete", "move"])
def test_unpublishing_deleting_or_moving_a_page_purges_the_cache(client, sections, organisation, change, committed):
    index_url = sections["organisations"].url
    get(client, index_url)
    with committed():
        if change == "unpublish":
            organisation.unpublish()
        elif change == "delete":
            organisation.delete()
        else:
            organisation.move(sections["heritage"], pos="last-child")
    response = get(client, index_url)
    assert response[STATUS_HEADER] == "miss"
    assert b"Union of Compatriots" not in response.content


def test_a_rolled_back_change_purges_nothing(client, organisation, committed):
    get(client, organisation.url)
    with committed(execute=False):
        organisation.save_revision().publish()
    assert get(client, organisation.url)[STATUS_HEADER] == "hit"


def test_restricting_a_kept_page_purges_it(client, organisation, committed):
    get(client, organisation.url)
    with committed():
        PageViewRestriction.objects.create(page=organisation, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(organisation.url).status_code == HTTPStatus.FOUND
