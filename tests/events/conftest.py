import datetime
import zoneinfo

import pytest
from wagtail.models import Page, PageViewRestriction, Site

from tests import factories

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


def brussels(*args):
    return datetime.datetime(*args, tzinfo=BRUSSELS)


@pytest.fixture
def calendar(sections):
    return sections["events"]


@pytest.fixture
def make_event(calendar):
    def make(start=None, hours=2, **kwargs):
        kwargs.setdefault("parent", calendar)
        if start is not None:
            kwargs.update(start=start, end=start + datetime.timedelta(hours=hours))
        return factories.EventPageFactory(**kwargs)

    return make


def restrict_to_logged_in_users(page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


@pytest.fixture
def other_site_calendar(db):
    """A second site with its own calendar: none of it may leak into the first site."""
    root = Page.get_first_root_node()
    other_home = factories.HomePageFactory(parent=root, title="Other network", slug="other-network")
    Site.objects.create(hostname="other.example", root_page=other_home, is_default_site=False)
    return factories.EventIndexPageFactory(parent=other_home, title="Other events", slug="other-events")
