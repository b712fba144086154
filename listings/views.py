from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from .sitemaps import MultilingualSitemap


@require_GET
@cache_control(max_age=3600, public=True)
def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": MultilingualSitemap}, template_name="listings/sitemap.xml")


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Crawlers may read the site, not its admin, and find the sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
