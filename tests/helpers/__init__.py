"""Helpers the tests of several apps share, one module per concern.

``from tests.helpers import SiteWalker`` and ``from tests import helpers`` reach
every helper; the modules say what each is for.
"""

from tests.helpers.accounts import current_code, enrol
from tests.helpers.content import BRUSSELS, brussels, make_collection, reindex, restrict_to_logged_in_users
from tests.helpers.crawler import API_PAGE_URL, SiteWalker, Visit, page_objects
from tests.helpers.walk_site import LANGUAGES, WalkSite, build_walk_site, translate_everywhere

__all__ = [
    "API_PAGE_URL",
    "BRUSSELS",
    "LANGUAGES",
    "SiteWalker",
    "Visit",
    "WalkSite",
    "brussels",
    "build_walk_site",
    "current_code",
    "enrol",
    "make_collection",
    "page_objects",
    "reindex",
    "restrict_to_logged_in_users",
    "translate_everywhere",
]
