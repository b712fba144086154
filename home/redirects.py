"""Wagtail's redirects app, minus redirects from addresses that never served a page.

Wagtail redirects a page's old URL to the page whenever its slug changes. A page
never published has no old URL anybody could have followed, and
wagtail-localize creates every translation as a draft copy carrying the
source's slug before giving it its own: each translation (by a translator, the
importer or the demo loader) would leave a redirect from an address that never
existed, and could later shadow a real page published there.
"""

from wagtail.contrib.redirects.apps import WagtailRedirectsAppConfig


class RedirectsConfig(WagtailRedirectsAppConfig):
    def ready(self):
        from wagtail.contrib.redirects.signal_handlers import autocreate_redirects_on_slug_change
        from wagtail.signals import page_slug_changed

        from .signals import redirect_published_page_on_slug_change

        super().ready()
        page_slug_changed.disconnect(autocreate_redirects_on_slug_change)
        page_slug_changed.connect(redirect_published_page_on_slug_change)
