"""Helpers the tests of several apps share, one module per concern.

The helpers most tests use are re-exported here (``from tests.helpers import
SiteWalker``); the page editor's form data (:mod:`tests.helpers.admin_forms`),
pages written in bulk (:mod:`tests.helpers.scale`), every page type
(:mod:`tests.helpers.page_types`) and the failing mail server
(:mod:`tests.helpers.mail`) are imported from their modules.
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
