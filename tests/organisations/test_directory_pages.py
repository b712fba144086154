"""The directory's organisations are its children, read by a range on ``path`` that the path index serves."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from organisations.models import OrganisationPage
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_children_of_the_directory_only(sections):
    directory = sections["organisations"]
    children = [factories.OrganisationPageFactory(parent=directory, title=f"Choir {n}") for n in range(3)]
    # A directory of another site: its path follows this one's.
    other_home = factories.HomePageFactory(parent=Page.get_first_root_node(), title="Other", slug="other")
    other_directory = factories.OrganisationIndexPageFactory(parent=other_home)
    outsider = factories.OrganisationPageFactory(parent=other_directory, title="Elsewhere")

    pages = directory.directory_pages()

    assert set(pages) == set(OrganisationPage.objects.child_of(directory)) == set(children)
    assert outsider not in pages


def test_read_by_a_path_range(sections):
    directory = sections["organisations"]
    with CaptureQueriesContext(connection) as queries:
        list(directory.directory_pages().values_list("pk", flat=True))
    sql = queries[0]["sql"]
    assert f'"wagtailcore_page"."path" > \'{directory.path}\'' in sql
    assert f'"wagtailcore_page"."path" < \'{directory._inc_path()}\'' in sql
