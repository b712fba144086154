"""Heritage projects as a visitor sees them: the index and a project's page."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils import WagtailPageTestCase

from heritage.models import HeritageGalleryImage
from home.models import HomePage
from tests import factories


@pytest.fixture
def heritage(sections):
    return sections["heritage"]


def add_projects(index, count, **kwargs):
    return [
        factories.HeritageProjectPageFactory(
            parent=index, image=factories.ImageFactory(), image_alt="A grave", **kwargs
        )
        for _number in range(count)
    ]


class TestHeritageIndex:
    def test_running_projects_come_before_finished_ones(self, heritage, client):
        factories.HeritageProjectPageFactory(parent=heritage, title="Chapel restored", start_year=2005, end_year=2010)
        factories.HeritageProjectPageFactory(parent=heritage, title="Graves at Uccle", start_year=2012)
        response = client.get(heritage.url)
        assert response.status_code == HTTPStatus.OK
        html = response.content.decode()
        assert html.index("Running projects") < html.index("Graves at Uccle") < html.index("Finished projects")
        assert html.index("Finished projects") < html.index("Chapel restored")
        assert "since 2012" in html and "2005–2010" in html

    def test_drafts_are_not_listed(self, heritage, client):
        draft = factories.HeritageProjectPageFactory(parent=heritage, title="Unannounced project")
        draft.unpublish()
        assert "Unannounced project" not in client.get(heritage.url).content.decode()

    @pytest.mark.parametrize("page", ["abc", "9999", "0", ""])
    def test_bad_page_numbers_answer_a_page(self, heritage, client, page):
        add_projects(heritage, heritage.PER_PAGE + 1)
        response = client.get(f"{heritage.url}?page={page}")
        assert response.status_code == HTTPStatus.OK
        assert 'class="pagination"' in response.content.decode()

    def test_runs_a_fixed_number_of_queries(self, heritage, client):
        def warm_query_count():
            client.get(heritage.url)  # renditions are created on the first view
            with CaptureQueriesContext(connection) as queries:
                assert client.get(heritage.url).status_code == HTTPStatus.OK
            return len(queries)

        add_projects(heritage, 5)
        with_five = warm_query_count()
        add_projects(heritage, 45, end_year=2020)
        assert warm_query_count() == with_five


class TestHeritageProjectPage(WagtailPageTestCase):
    def test_renders_organisations_recognitions_and_gallery(self):
        home_page = HomePage.objects.get(locale__language_code="en")
        index = factories.HeritageIndexPageFactory(parent=home_page)
        directory = factories.OrganisationIndexPageFactory(parent=home_page)
        fund = factories.OrganisationPageFactory(parent=directory, title="International Pushkin Fund")
        project = factories.HeritageProjectPageFactory(
            parent=index,
            title="Graves at Uccle",
            start_year=2012,
            end_year=2018,
            place="Uccle cemetery",
            country="BE",
            recognitions=[
                ("recognition", {"title": "Protected listing", "awarded_by": "Brussels Region", "year": 2015})
            ],
        )
        factories.HeritageProjectOrganisationFactory(project=project, organisation=fund)
        HeritageGalleryImage.objects.create(
            project=project, image=factories.ImageFactory(), alt_text="The restored chapel", caption="After the works"
        )
        self.assertPageIsRenderable(project)
        html = self.client.get(project.url).content.decode()
        for text in (
            "International Pushkin Fund",
            "Protected listing",
            "Brussels Region, 2015",
            "Uccle cemetery",
            "Belgium",
            'alt="The restored chapel"',
            "After the works",
            "2018",
        ):
            assert text in html, text

    def test_index_is_renderable(self):
        home_page = HomePage.objects.get(locale__language_code="en")
        self.assertPageIsRenderable(factories.HeritageIndexPageFactory(parent=home_page))
