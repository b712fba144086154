"""The XML sitemap: every live public page of the site, in every language, in files of bounded size.

Wagtail's own sitemap covers the descendants of the site's root page, that is a
single language; here the root's translations are included too, and each URL
lists its translations as ``xhtml:link rel="alternate" hreflang`` so that search
engines show visitors the page in their language.

``/sitemap.xml`` is an index of files of at most :attr:`MultilingualSitemap.limit`
URLs each (``/sitemap-pages.xml?p=2``...): a request reads one file's pages and
their translations, whatever the size of the site (see ``core.views``).
"""

from collections import defaultdict
from urllib.parse import quote

from django.conf import settings
from django.db.models import Max
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.http import RFC3986_SUBDELIMS
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from core.visibility import visible_pages

#: URLs per sitemap file. With up to five alternates each, a file stays well
#: under 1 MB (the protocol allows 50 MB and 50,000 URLs; smaller files are
#: cheaper to build and to fetch again after a change).
URLS_PER_FILE = 500


class PageAddress:
    """Just what Wagtail needs to give a page's URL: its ``url_path``.

    A sitemap file holds a thousand pages and four thousand translations;
    loading each as a model instance costs more than the rest of the file.
    The URL is still Wagtail's own (site root, language prefix, escaping):
    no page model of the site overrides ``get_url_parts``.
    """

    _get_site_root_paths = Page._get_site_root_paths
    _get_relevant_site_root_paths = Page._get_relevant_site_root_paths
    get_url_parts = Page.get_url_parts
    get_full_url = Page.get_full_url

    def __init__(self, url_path):
        self.url_path = url_path


class MultilingualSitemap(Sitemap):
    limit = URLS_PER_FILE

    @cached_property
    def visible_site_pages(self):
        """Live public pages under the site's root page or any of its translations (one sitemap per request)."""
        return visible_pages(Page.objects.all(), self.get_wagtail_site())

    def site_pages(self):
        return self.visible_site_pages

    def items(self):
        # Rows, not pages: only what the file shows.
        return (
            self.site_pages()
            .order_by("path")
            .values_list("url_path", "translation_key", "locale__language_code", "last_published_at")
        )

    def lastmod(self, obj):
        return obj[3]

    def get_latest_lastmod(self):
        """The last publication of any page of the site: one aggregate, not a read of every page."""
        return self.site_pages().aggregate(latest=Max("last_published_at"))["latest"]

    def full_url(self, url_path):
        """Wagtail's full URL of the page at ``url_path``: its root's URL, once per root, then the rest escaped.

        Equal to ``get_full_url`` (the rest of the path is escaped as ``reverse``
        does); a page under the roots of several sites is left to Wagtail.
        """
        roots = [root for root in self.root_paths() if url_path.startswith(root.root_path)]
        if not roots or len({root.site_id for root in roots}) > 1:
            return PageAddress(url_path).get_full_url(self.request)
        root = roots[0]
        prefix = self.root_urls.get(root)
        if prefix is None:
            prefix = self.root_urls[root] = PageAddress(root.root_path).get_full_url(self.request)
        return prefix + quote(url_path[len(root.root_path) :], safe=RFC3986_SUBDELIMS + "/~:@")

    def root_paths(self):
        return self.site_root_paths

    @cached_property
    def site_root_paths(self):
        return PageAddress("/")._get_site_root_paths(self.request)

    @cached_property
    def root_urls(self):
        """The full URL of each site root, worked out once per sitemap file."""
        return {}

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        translations = defaultdict(list)
        for url_path, translation_key, language_code in (
            self.site_pages()
            .filter(translation_key__in={item[1] for item in items})
            .order_by("locale__language_code")
            .values_list("url_path", "translation_key", "locale__language_code")
        ):
            translations[translation_key].append((language_code, self.full_url(url_path)))

        urls, last_mods = [], set()
        for item in items:
            url_path, translation_key, language_code, lastmod = item
            alternates = [{"lang_code": code, "location": location} for code, location in translations[translation_key]]
            default = [a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE]
            if len(alternates) > 1 and default:
                alternates.append({"lang_code": "x-default", "location": default[0]["location"]})
            location = next((a["location"] for a in alternates if a["lang_code"] == language_code), None)
            urls.append(
                {
                    "item": item,
                    "location": location or self.full_url(url_path),
                    "lastmod": lastmod,
                    "alternates": alternates if len(alternates) > 1 else [],
                }
            )
            last_mods.add(lastmod)
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


def urlset_xml(urls):
    """The XML of one sitemap file (written here: a template costs more than the file's queries)."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">'
    ]
    for url in urls:
        parts.append(f"<url><loc>{escape(url['location'])}</loc>")
        if url["lastmod"]:
            parts.append(f"<lastmod>{url['lastmod'].isoformat()}</lastmod>")
        parts.extend(
            f'<xhtml:link rel="alternate" hreflang="{escape(alternate["lang_code"])}" href="{escape(alternate["location"])}"/>'
            for alternate in url["alternates"]
        )
        parts.append("</url>")
    parts.append("</urlset>\n")
    return "".join(parts)
