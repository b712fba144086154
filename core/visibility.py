"""The one rule of what a visitor may see.

A page is visible when it is live, has not passed its expiry date (Wagtail
unpublishes expired pages only when ``publish_scheduled`` runs, so until then
the date itself decides), has no view restriction (password, login or groups)
on itself or any ancestor, has no ancestor that is not live or past its expiry
(a section unpublished alone hides its children) and, when a site is given, belongs to that site: a
site's languages are the translations of its root page, side by side in the
tree, so the site is every page under any of them.

Every visitor surface (pages, listings, feeds, iCalendar, the sitemap, search
and the APIs, and every relation they show) starts from :func:`visible_pages`
or asks :func:`is_visible`, so that the rule cannot drift between surfaces.
The restricted sections, the unpublished sections and the site's roots are read
as paths in light queries; Wagtail's ``public()`` would load every restricted page whole. Both
are kept for the content version (:mod:`core.cache`), which every change of a
view restriction, a site or the tree moves on: a page showing five relations
asks each condition five times.
"""

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from core.cache import CONTENT_CACHE_SECONDS, content_cache, content_cache_key, next_expiry


def not_expired(now=None, by_id=False):
    """Condition: no expiry date, or one still to come.

    ``by_id`` names the expired live pages instead (a few at most, between their
    expiry and the next ``publish_scheduled``), for search backends, which
    filter only on indexed fields, and ``expire_at`` is not one of Wagtail's.
    """
    now = now or timezone.now()
    if by_id:
        # Unordered: ordered by path, SQLite reads every page through the path index.
        expired = list(Page.objects.filter(live=True, expire_at__lte=now).order_by().values_list("pk", flat=True))
        return ~Q(pk__in=expired) if expired else Q()
    return Q(expire_at__isnull=True) | Q(expire_at__gt=now)


def unrestricted():
    """Condition: no view restriction on the page or any ancestor."""
    restricted = Q()
    for path, depth in _kept(
        "restricted-sections", lambda: PageViewRestriction.objects.values_list("page__path", "page__depth")
    ):
        restricted |= Q(path__startswith=path, depth__gte=depth)
    return ~restricted if restricted else Q()


def under_live_parents():
    """Condition: every ancestor is live and not past its expiry.

    Unpublishing a section alone leaves its children live, and Wagtail would
    still list and serve them; they are hidden with it. The sections read are
    the pages not live, or past their expiry, that have children (drafts are
    mostly leaves).
    """
    hidden = Q()
    for path, depth in _unpublished_sections():
        hidden |= Q(path__startswith=path, depth__gt=depth)
    return ~hidden if hidden else Q()


def _unpublished_sections():
    # Read again once the next expiry has passed: an expiry leaves the content version as it was.
    return _kept(
        ("unpublished-sections", next_expiry()),
        lambda: (
            Page.objects.filter(Q(live=False) | Q(expire_at__lte=timezone.now()), numchild__gt=0)
            .order_by()
            .values_list("path", "depth")
        ),
    )


def has_unpublished_ancestor(page):
    """Whether an ancestor of ``page`` is not live or past its expiry (known without a query once read)."""
    return any(page.path.startswith(path) and page.depth > depth for path, depth in _unpublished_sections())


def in_site(site):
    """Condition: the page is under one of the translations of ``site``'s root."""
    condition = Q()
    for path, depth in _kept(("site-roots", site.root_page_id), lambda: _root_paths(site.root_page_id)):
        condition |= Q(path__startswith=path, depth__gte=depth)
    return condition


def _root_paths(root_page_id):
    root_key = Page.objects.filter(pk=root_page_id).values("translation_key")
    return Page.objects.filter(translation_key__in=root_key).values_list("path", "depth")


def _kept(name, read):
    """``read()`` as a list of rows, read once per content version."""
    key = content_cache_key("visibility", name)
    rows = content_cache().get(key)
    if rows is None:
        rows = list(read())
        content_cache().set(key, rows, CONTENT_CACHE_SECONDS)
    return rows


def visible_q(site=None, now=None, expiry_by_id=False):
    """The whole rule as one condition on pages (and their subclasses)."""
    condition = Q(live=True) & not_expired(now, by_id=expiry_by_id) & unrestricted() & under_live_parents()
    if site is not None:
        site_condition = in_site(site)
        if not site_condition:
            return Q(pk__in=[])
        condition &= site_condition
    return condition


def visible_pages(queryset=None, site=None, expiry_by_id=False):
    """``queryset`` (all pages by default) narrowed to what a visitor may see."""
    queryset = Page.objects.all() if queryset is None else queryset
    return queryset.filter(visible_q(site, expiry_by_id=expiry_by_id))


def is_visible(page, site=None):
    """Whether a visitor may see ``page`` (one query, or three with a site)."""
    if not page.live or (page.expire_at is not None and page.expire_at <= timezone.now()):
        return False
    return visible_pages(Page.objects.filter(pk=page.pk), site).exists()
