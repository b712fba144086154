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

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.utils.functional import cached_property
from django.utils.html import escape
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from core.page_urls import PageUrls
from core.visibility import visible_pages

#: URLs per sitemap file. With up to five alternates each, a file stays well
#: under 1 MB (the protocol allows 50 MB and 50,000 URLs; smaller files are
#: cheaper to build and to fetch again after a change).
URLS_PER_FILE = 500


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

    @cached_property
    def summary(self):
        """How many pages the site shows and when it last published one: one pass over its pages, not two.

        The index needs both (its number of files, their ``lastmod``), a file
        the count (its paginator); neither needs the rows' languages.
        """
        return self.site_pages().order_by().aggregate(count=Count("pk"), latest=Max("last_published_at"))

    @property
    def paginator(self):
        paginator = Paginator(self._items(), self.limit)
        paginator.count = self.summary["count"]
        return paginator

    def get_latest_lastmod(self):
        """The last publication of any page of the site: one aggregate, not a read of every page."""
        return self.summary["latest"]

    def full_url(self, url_path):
        """The page's full URL, from its ``url_path`` (:class:`core.page_urls.PageUrls`)."""
        return self.page_urls.full_url(url_path)

    @cached_property
    def page_urls(self):
        return PageUrls(self.request)

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
