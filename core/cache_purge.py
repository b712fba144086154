"""Purging the cached pages when what visitors see changes.

A publish, unpublish, move or deletion of a page (a translation's publish
included), and a change to a view restriction, an image, a site or a site setting, may alter any
page: its own, the indexes, collections and home page sections that list it,
the menu and footer on every page of its language, and the language switcher
of its translations. So each such change purges everything:

- the page cache in Django (core.page_cache) gets a new generation;
- a frontend cache (``WAGTAILFRONTENDCACHE``, Varnish in deploy/varnish) is
  sent, through ``wagtail.contrib.frontend_cache``, a purge of the home page
  of each language, which the shipped VCL applies to every address under it
  (index routes, query strings and feeds included).

Edits are rare next to visits: rendering each page once more after a change
costs less than working out exactly which pages show the changed one.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from core.cache import bump_content_version
from core.page_cache import clear_page_cache

logger = logging.getLogger(__name__)


def purge_frontend_cache():
    """Asks the frontend cache to drop every page of every site, one purge per language home page."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    for site in Site.objects.select_related("root_page"):
        batch.add_pages(site.root_page.get_translations(inclusive=True).live())
    batch.purge()


def purge_all_pages():
    """Moves the content version on (core.cache) and purges both page caches
    once the current transaction commits (a rolled-back change purges nothing)."""
    bump_content_version()

    connection = transaction.get_connection()
    if any(callback is _purge_now for _, callback, _ in connection.run_on_commit):
        return  # a subtree's deletion sends a signal per row: one purge is enough
    transaction.on_commit(_purge_now)


def _purge_now():
    clear_page_cache()
    try:
        purge_frontend_cache()
    except Exception:  # a frontend cache that is down must not fail the editor's publish
        logger.exception("Could not purge the frontend cache")


def _on_page_change(sender, **kwargs):
    purge_all_pages()


def _on_model_change(sender, instance, **kwargs):
    if isinstance(instance, Page) or _affects_pages(sender):
        purge_all_pages()


def _affects_pages(model):
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.images import get_image_model

    return issubclass(model, (Site, PageViewRestriction, BaseSiteSetting, BaseGenericSetting, get_image_model()))


def connect_purge_signals():
    page_published.connect(_on_page_change, dispatch_uid="page_cache_published")
    page_unpublished.connect(_on_page_change, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(_on_page_change, dispatch_uid="page_cache_moved")
    # Snippets with drafts (and pages, again: one purge per transaction).
    published.connect(_on_page_change, dispatch_uid="page_cache_published_object")
    unpublished.connect(_on_page_change, dispatch_uid="page_cache_unpublished_object")
    # Deleting a page deletes its subtree: one purge per deleted row, made
    # once per transaction by the generation replaced on commit.
    post_delete.connect(_on_model_change, dispatch_uid="page_cache_deleted")
    post_save.connect(_on_saved, dispatch_uid="page_cache_saved")


#: Fields a draft save of a live page writes: visitors see none of them.
_DRAFT_ONLY_FIELDS = frozenset(
    {
        "latest_revision",
        "draft_title",
        "has_unpublished_changes",
        "latest_revision_created_at",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def _on_saved(sender, instance, update_fields=None, **kwargs):
    if isinstance(instance, Page):
        # A live page saved directly (created live, imported, or published:
        # publishing saves it too) changes what visitors see; a draft does not.
        if instance.live and not (update_fields and set(update_fields) <= _DRAFT_ONLY_FIELDS):
            purge_all_pages()
    elif _affects_pages(sender):
        purge_all_pages()
