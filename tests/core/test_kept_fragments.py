"""Fragments kept per content version (core/templatetags/fragment_tags.py): fresh after every change, never leaking."""

import datetime
import time
from http import HTTPStatus

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import PageViewRestriction

from core.cache import query_key
from core.templatetags.fragment_tags import fragment_key, fragment_seconds
from tests import factories

pytestmark = pytest.mark.django_db


def get(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == HTTPStatus.OK, url
    return response.content.decode(), len(queries)


def members_of(html):
    return html.split('id="members"')[1].split("</section>")[0] if 'id="members"' in html else ""


@pytest.fixture
def federation(sections):
    return factories.OrganisationPageFactory(parent=sections["organisations"], title="Federation", kind="federation")


def add_member(federation, title):
    member = factories.OrganisationPageFactory(parent=federation.get_parent(), title=title)
    factories.OrganisationMembershipFactory(member=member, organisation=federation)
    # Memberships are edited on the member's page and reach visitors with its publish.
    member.save_revision().publish()
    return member


def test_a_second_request_reads_the_related_lists_from_the_kept_fragment(client, federation):
    add_member(federation, "School")
    first_html, first_queries = get(client, federation.url)
    second_html, second_queries = get(client, federation.url)

    assert second_html == first_html
    assert "School" in members_of(second_html)
    assert second_queries < first_queries


def test_a_publish_shows_a_new_member_on_the_next_request(client, federation):
    add_member(federation, "School")
    get(client, federation.url)
    add_member(federation, "Parish")

    html, _queries = get(client, federation.url)
    assert "Parish" in members_of(html)


@pytest.mark.parametrize("hide", ["unpublish", "restrict", "expire"])
def test_a_hidden_member_leaves_the_kept_list(client, federation, hide):
    add_member(federation, "School")
    hidden = add_member(federation, "Secret society")
    assert "Secret society" in members_of(get(client, federation.url)[0])

    if hide == "unpublish":
        hidden.unpublish()
    elif hide == "restrict":
        PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="x")
    else:
        # Past its expiry date, before the scheduler unpublishes it: no change moves the version on.
        hidden.expire_at = timezone.now() + datetime.timedelta(seconds=8)
        hidden.save_revision().publish()
        assert "Secret society" in members_of(get(client, federation.url)[0])
        time.sleep(max(0, (hidden.expire_at - timezone.now()).total_seconds()) + 1.1)

    html = get(client, federation.url)[0]
    assert "Secret society" not in members_of(html)
    assert "School" in members_of(html)


def test_kept_no_longer_than_the_next_expiry(federation):
    assert fragment_seconds() == 300
    soon = add_member(federation, "Closing soon")
    soon.expire_at = timezone.now() + datetime.timedelta(seconds=90)
    soon.save_revision().publish()
    assert 80 <= fragment_seconds() <= 90


def render_key(request, page, values=()):
    return fragment_key(Context({"request": request, "page": page}), "list", list(values))


def test_the_key_names_page_address_language_host_and_values(rf, federation, sections):
    request = rf.get(federation.url)
    key = render_key(request, federation)
    with translation.override("fr"):
        assert render_key(request, federation) != key
    assert render_key(rf.get(federation.url, HTTP_HOST="other.example"), federation) != key
    assert render_key(rf.get(federation.url + "ical/"), federation) != key
    assert render_key(request, sections["organisations"]) != key
    assert render_key(request, federation, ["a"]) != render_key(request, federation, ["b"])
    assert render_key(request, federation) == key


def test_nothing_is_kept_for_a_preview_a_draft_a_view_without_page_or_a_value_of_none(rf, federation):
    request = rf.get(federation.url)
    assert render_key(request, federation, [None]) is None
    assert render_key(request, None) is None
    preview = rf.get(federation.url)
    preview.is_preview = True
    assert render_key(preview, federation) is None
    federation.live = False
    assert render_key(request, federation) is None


def test_the_tag_renders_once_per_version(rf, federation):
    template = Template('{% load fragment_tags %}{% kept_fragment "count" %}{{ counter.next }}{% endkept_fragment %}')

    class Counter:
        calls = 0

        def next(self):
            self.calls += 1
            return self.calls

    counter = Counter()
    context = {"request": rf.get(federation.url), "page": federation, "counter": counter}
    assert template.render(Context(context)) == "1"
    assert template.render(Context(context)) == "1"
    federation.save_revision().publish()
    assert template.render(Context(context)) == "2"


def test_a_query_key_takes_only_known_parameters_once_and_bounded_pages():
    factory = RequestFactory()
    assert query_key(factory.get("/", {"city": "Gent", "page": "2"}), {"city", "page"}) == (
        "query",
        ("city", "Gent"),
        ("page", 2),
    )
    assert query_key(factory.get("/?page=2&city=Gent"), {"city", "page"}) != query_key(
        factory.get("/?city=Gent&page=2"), {"city", "page"}
    )
    assert query_key(factory.get("/", {"utm_source": "x"}), {"city", "page"}) is None
    assert query_key(factory.get("/?city=a&city=b"), {"city", "page"}) is None
    for page in ("0", "51", "-1", "x", "\u0661", "9" * 5000):
        assert query_key(factory.get("/", {"page": page}), {"page"}) is None


def test_event_lists_are_kept_per_view_filter_and_page(client, sections):
    index = sections["events"]
    factories.EventPageFactory(parent=index, title="Concert in Gent", category="concert")
    factories.EventPageFactory(parent=index, title="Lecture in Gent", category="lecture")
    get(client, index.url)

    concerts = get(client, index.url, data={"category": "concert"})[0]
    assert "Concert in Gent" in concerts and "Lecture in Gent" not in concerts
    upcoming = get(client, index.url + "upcoming/")[0]
    assert "<h2>Upcoming events</h2>" in upcoming
    # Junk parameters are rendered afresh, and page links carry them as before.
    html, _queries = get(client, index.url, data={"utm_source": "letter"})
    assert "Lecture in Gent" in html


def test_organisation_directory_list_kept_per_filter(client, sections):
    directory = sections["organisations"]
    factories.OrganisationPageFactory(parent=directory, title="Antwerp school", city="Antwerp")
    factories.OrganisationPageFactory(parent=directory, title="Liège parish", city="Liège")
    get(client, directory.url)

    html = get(client, directory.url, data={"city": "Antwerp"})[0]
    assert "Antwerp school" in html and "Liège parish" not in html
    html = get(client, directory.url, data={"city": "Nowhere"})[0]
    assert "Antwerp school" in html and "Liège parish" in html
