"""The sitemap index, its files, and robots.txt.

Each answer is built once per content version (core.cache) and kept, and
answers conditional requests: a crawler that has the current file gets a 304
before anything is read. A file number beyond the last is a 404 (Django's
sitemap view), a malformed one too.
"""

from dataclasses import replace
from urllib.parse import urlsplit

from django.contrib.sites.shortcuts import get_current_site
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views

from core.cache import cached_content_response
from core.site_address import absolute_url

from .sitemaps import MultilingualSitemap, urlset_xml

SITEMAPS = {"pages": MultilingualSitemap}


@require_GET
@cache_control(max_age=3600, public=True)
def sitemap_index(request):
    """The list of sitemap files, each with the date of the site's last publication."""

    def build():
        response = wagtail_sitemap_views.index(
            request, sitemaps=SITEMAPS, template_name="core/sitemap_index.xml", sitemap_url_name="sitemap_section"
        )
        # Django names the files on the request's host: they are on the Site's address, as their pages.
        response.context_data["sitemaps"] = [
            replace(item, location=absolute_url(_path_and_query(item.location), request))
            for item in response.context_data["sitemaps"]
        ]
        return response

    return cached_content_response(request, ["sitemap-index", request.path], build)


def _path_and_query(url):
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


@require_GET
@cache_control(max_age=3600, public=True)
def sitemap_section(request, section):
    """One file of the sitemap (``?p=N``), at most ``URLS_PER_FILE`` URLs with their alternates."""
    if section not in SITEMAPS:
        raise Http404("No such sitemap.")
    number = request.GET.get("p", "1")
    if len(number) > 20:
        # Longer than any file number; also kept out of the cache key whole.
        raise Http404("No such sitemap file.")

    def build():
        sitemap = SITEMAPS[section](request)
        try:
            urls = sitemap.get_urls(page=number, site=get_current_site(request), protocol=request.scheme)
        except (EmptyPage, PageNotAnInteger):
            raise Http404("No such sitemap file.") from None
        response = HttpResponse(urlset_xml(urls), content_type="application/xml")
        response["X-Robots-Tag"] = "noindex, noodp, noarchive"
        return response

    return cached_content_response(request, ["sitemap-section", request.path, number], build)


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Crawlers may read the site, not its admin, and find the sitemap index."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "",
        f"Sitemap: {absolute_url(reverse('sitemap'), request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
