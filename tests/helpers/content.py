"""Small steps several apps' tests take with content: times, restrictions, collections, the search index."""

import datetime
import zoneinfo

from django.core.management import call_command
from wagtail.models import PageViewRestriction

from listings.models import CollectionPage

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


def brussels(*args):
    """A time in Brussels: ``brussels(2026, 6, 6, 19)``."""
    return datetime.datetime(*args, tzinfo=BRUSSELS)


def restrict_to_logged_in_users(page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


def make_collection(home_page, **criteria):
    """A published collection under ``home_page`` listing what matches ``criteria`` (its fields)."""
    many = {name: criteria.pop(name) for name in ("page_types", "filter_tags", "organisations") if name in criteria}
    number = CollectionPage.objects.count() + 1
    collection = CollectionPage(title=f"Collection {number}", slug=f"collection-{number}", **criteria)
    home_page.add_child(instance=collection)
    for name, values in many.items():
        getattr(collection, name).set(values)
    collection.save_revision().publish()
    return CollectionPage.objects.get(pk=collection.pk)


def reindex():
    """Rebuild the search index from the pages in the database."""
    call_command("update_index", verbosity=0)
