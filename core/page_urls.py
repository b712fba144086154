"""Pages' URLs from their ``url_path`` alone, for surfaces that read pages as rows.

A sitemap file, a calendar or a feed writes hundreds of page addresses; loading
each page as a model instance to ask Wagtail for its URL costs more than the
rest of the work. :class:`PageUrls` works out each site root's full URL once,
with Wagtail's own ``get_full_url`` (or ``get_url``), and appends the rest of the
path escaped as Django's ``reverse`` escapes it, so the result equals
``page.get_full_url()`` (``page.get_url()``): no page model of the site
overrides ``get_url_parts``.
"""

from urllib.parse import quote

from django.utils.functional import cached_property
from django.utils.http import RFC3986_SUBDELIMS
from wagtail.models import Page


class PageAddress:
    """Just what Wagtail needs to give a page's URL: its ``url_path``."""

    _get_site_root_paths = Page._get_site_root_paths
    _get_relevant_site_root_paths = Page._get_relevant_site_root_paths
    get_url_parts = Page.get_url_parts
    get_full_url = Page.get_full_url
    get_url = Page.get_url

    def __init__(self, url_path):
        self.url_path = url_path


class PageUrls:
    """URLs of pages given by ``url_path``, for one request (its site, host and scheme)."""

    def __init__(self, request=None):
        self.request = request
        self.root_addresses = {}

    @cached_property
    def root_paths(self):
        return PageAddress("/")._get_site_root_paths(self.request)

    def full_url(self, url_path):
        """Wagtail's ``get_full_url()`` of the page at ``url_path``."""
        return self._address(url_path, full=True)

    def url(self, url_path):
        """Wagtail's ``get_url()``: the path alone when the page is on the request's site (or the only one)."""
        return self._address(url_path, full=False)

    def _address(self, url_path, full):
        """The root's address, worked out once per root, then the rest of the path escaped.

        A page under the roots of several sites is left to Wagtail.
        """
        roots = [root for root in self.root_paths if url_path.startswith(root.root_path)]
        if not roots or len({root.site_id for root in roots}) > 1:
            address = PageAddress(url_path)
            return address.get_full_url(self.request) if full else address.get_url(self.request)
        root = roots[0]
        key = (root, full)
        if key not in self.root_addresses:
            address = PageAddress(root.root_path)
            self.root_addresses[key] = address.get_full_url(self.request) if full else address.get_url(self.request)
        prefix = self.root_addresses[key]
        if prefix is None:  # not routable
            return None
        return prefix + quote(url_path[len(root.root_path) :], safe=RFC3986_SUBDELIMS + "/~:@")
