"""Finding a request's site and page with the tree read once per content version.

Wagtail reads the ``Site`` row on every request, then walks the address from
the site's root page: one query per level to find the child by its slug and
one more for its specific page, a ``Locale`` read to find the root's
translation in the active language, and two more queries for the view
restrictions of the page and its ancestors. What these reads return changes
only when a page is published, unpublished, moved or deleted, or a site or a
view restriction changes, and every such change moves the content version on
(:mod:`core.cache`). So this module keeps, per content version:

- the sites, with their root pages already specific (:class:`KeptSiteMiddleware`
  gives the request its site the way ``Site.find_for_request`` would choose it);
- the locales by language code (:func:`active_locale_id`, for ``localized``);
- for an address under a language's home page, which page its slugs lead to
  (:func:`kept_route`); the page is then read in one query with its locale and
  images, and asked to route what remains of the address (a routable page's
  sub-route), so that ``live`` and the sub-routes are checked as Wagtail does;
- whether any view restriction or alias exists where a page sits
  (:func:`has_no_view_restriction`).

Only what led to a page is kept, under the address of the page itself (never
under a sub-route's parameters): unknown addresses cost Wagtail's own walk and
leave nothing behind.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site

from core.cache import CONTENT_CACHE_SECONDS, content_cache, content_cache_key

#: A sub-route takes at most this many components after its page's address ("feed/rss/").
MAX_SUBROUTE_COMPONENTS = 2


def _kept(name, build):
    key = content_cache_key("routing", *name)
    value = content_cache().get(key)
    if value is None:
        value = build()
        content_cache().set(key, value, CONTENT_CACHE_SECONDS)
    return value


def _sites_with_roots():
    """Every site, its root page read as a routed page is (specific, with its locale and images)."""
    sites = list(Site.objects.all())
    for site in sites:
        content_type_id = Page.objects.filter(pk=site.root_page_id).values_list("content_type_id", flat=True).first()
        if content_type_id is not None:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            site.root_page = model.objects.select_related(*route_related(model)).get(pk=site.root_page_id)
    return sites


def site_for_hostname(sites, hostname, port):
    """Wagtail's choice of site (``wagtail.models.sites.get_site_for_hostname``) among ``sites``, or None."""

    def match(site):
        if site.hostname == hostname:
            return 0 if site.port == port else 1 if site.is_default_site else 3
        return 2  # the default site, under another hostname

    candidates = sorted((site for site in sites if site.hostname == hostname or site.is_default_site), key=match)
    if not candidates:
        return None
    if len(candidates) == 1 or match(candidates[0]) in (0, 1):
        return candidates[0]
    if match(candidates[0]) == 2:
        return candidates[len(candidates) == 2]
    return None


class KeptSiteMiddleware:
    """Gives the request its Wagtail site from the sites kept for the content version."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not hasattr(request, "_wagtail_site"):
            try:
                sites = _kept(["sites"], _sites_with_roots)
            except DatabaseError:
                # A shortcut only: without the database the view meets the error itself and it is
                # reported there, and views that need no database (health checks) still answer.
                return self.get_response(request)
            hostname = split_domain_port(request._get_raw_host())[0]
            request._wagtail_site = site_for_hostname(sites, hostname, request.get_port())
        return self.get_response(request)


def active_locale_id():
    """The id of ``Locale.get_active()``, from the locales kept for the content version (None without one)."""
    ids = _kept(["locales"], lambda: dict(Locale.objects.values_list("language_code", "pk")))
    for code in (translation.get_language(), settings.LANGUAGE_CODE):
        try:
            variant = get_supported_content_language_variant(code)
        except LookupError:
            continue
        if variant in ids:
            return ids[variant]
    return None


def _route_key(root, components):
    return content_cache_key("routing", "route", root.pk, *components)


def kept_route(root, request, path_components, walk):
    """Route ``path_components`` under ``root`` (a language's home page) through the kept addresses.

    The longest kept address the path starts with gives the page to continue
    from; ``walk`` is Wagtail's own routing from ``root`` (``Page.route``),
    used when none is kept. The page found is kept for the next request.
    """
    start, start_consumed = None, 0
    for remaining in range(min(MAX_SUBROUTE_COMPONENTS, len(path_components) - 1) + 1):
        consumed = len(path_components) - remaining
        kept = content_cache().get(_route_key(root, path_components[:consumed]))
        if kept is not None:
            page_id, content_type_id = kept
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            start = model.objects.select_related(*route_related(model)).filter(pk=page_id).first()
            start_consumed = consumed
            break
    result = walk(request, path_components) if start is None else start.route(request, path_components[start_consumed:])
    page = result[0]
    slugs = page.url_path.removeprefix(root.url_path).strip("/").split("/")
    if (
        page.path.startswith(root.path)
        and page.url_path.startswith(root.url_path)
        and len(slugs) > start_consumed
        and slugs == path_components[: len(slugs)]
    ):
        content_cache().set(
            _route_key(root, path_components[: len(slugs)]), (page.pk, page.content_type_id), CONTENT_CACHE_SECONDS
        )
    return result


def route_related(model):
    """What a routed page is read with: its locale and its images (main image, logo)."""
    image_model = get_image_model()
    images = [
        field.name for field in model._meta.concrete_fields if field.is_relation and field.related_model is image_model
    ]
    return ["locale", *images]


def has_no_view_restriction(page):
    """True when neither ``page`` nor an ancestor has a view restriction, known without a query.

    False means "maybe": Wagtail's own reading decides. Aliases take their
    source's restrictions, so with any alias in the tree the answer is "maybe".
    """
    restricted, any_alias = _kept(
        ["restrictions"],
        lambda: (
            list(PageViewRestriction.objects.values_list("page__path", flat=True)),
            Page.objects.filter(alias_of__isnull=False).exists(),
        ),
    )
    if any_alias or page.alias_of_id:
        return False
    return not any(page.path.startswith(path) for path in restricted)
