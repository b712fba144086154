"""Small steps several apps' tests take with content: times, restrictions, the search index."""

import datetime
import zoneinfo

from django.core.management import call_command
from wagtail.models import PageViewRestriction

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


def brussels(*args):
    """A time in Brussels: ``brussels(2026, 6, 6, 19)``."""
    return datetime.datetime(*args, tzinfo=BRUSSELS)


def restrict_to_logged_in_users(page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


def reindex():
    """Rebuild the search index from the pages in the database."""
    call_command("update_index", verbosity=0)
