"""Language handling for requests outside the language-prefixed page tree."""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware

#: Routes that live outside ``i18n_patterns``: their 404s are final answers
#: (a JSON error, an admin page), never a cue to retry under ``/en/``.
UNPREFIXED_ROUTES = (
    "/api/",
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/sitemap.xml",
    "/robots.txt",
    "/language/",
)


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, minus its 404 redirect for unprefixed routes.

    Django answers a 404 by redirecting to the same path under the language
    prefix when that path resolves; Wagtail's catch-all page route resolves
    every path, so a missing API object became a 302 to an HTML page.
    """

    def process_response(self, request, response):
        if request.path.startswith(UNPREFIXED_ROUTES):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)
