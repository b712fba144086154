"""The one base of every absolute link the site writes: its Wagtail Site's address.

Canonical links, ``og:url``, the sitemap, the iCalendar ``URL`` and the API's
``html_url`` come from Wagtail's ``get_full_url``, which starts with the Site's
``root_url`` (its host name, port and scheme). Links that are not a page's
(hreflang alternates of the search page, ``og:image``, ``robots.txt``'s
sitemap) start with the same address, whatever host name the request came by:
a site reached as ``localhost`` and ``127.0.0.1`` names itself one way.
``load_demo`` gives the demo's Site the address it is served at.
"""

from urllib.parse import urljoin

from wagtail.models import Site


def site_root_url(request=None):
    """The request's Site's address (the default Site's without a request), without a final slash."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return request.build_absolute_uri("/").rstrip("/") if request is not None else ""
    return site.root_url


def absolute_url(url, request=None):
    """``url`` (a path, or already absolute, e.g. on a CDN) as an absolute address on the site."""
    return urljoin(site_root_url(request) + "/", url)
