from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import urls as accounts_urls
from config.api import api_router
from config.openapi import openapi_json
from core import views as core_views
from localisation.views import remember_language, root_redirect
from search import urls as search_urls

urlpatterns = [
    path("django-admin/", include(accounts_urls.django_admin_urlpatterns)),
    path("django-admin/", admin.site.urls),
    path("admin/", include(accounts_urls)),  # sign-in with a second factor, before Wagtail's own
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/openapi.json", openapi_json, name="openapi"),
    path("sitemap.xml", core_views.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", core_views.sitemap_section, name="sitemap_section"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("language/<str:language_code>/", remember_language, name="remember_language"),
    *search_urls.api_urlpatterns,
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# "/" picks the visitor's language (Accept-Language, else English).
urlpatterns += [path("", root_redirect, name="root_redirect")]

# Every page lives under its language prefix (/en/, /nl/, ...), including the
# default language, so that each translation has one stable URL.
urlpatterns += i18n_patterns(
    *search_urls.page_urlpatterns,
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# A page missing in the requested language answers with its other languages.
handler404 = "localisation.views.page_not_found"
