"""The XML sitemap: every live public page of the site, in every language.

Wagtail's own sitemap covers the descendants of the site's root page, that is a
single language; here the root's translations are included too, and each URL
lists its translations as ``xhtml:link rel="alternate" hreflang`` so that search
engines show visitors the page in their language.
"""

from collections import defaultdict

from django.conf import settings
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from core.visibility import visible_pages


class MultilingualSitemap(Sitemap):
    def site_pages(self):
        """Live public pages under the site's root page or any of its translations."""
        return visible_pages(Page.objects.all(), self.get_wagtail_site())

    def items(self):
        return self.site_pages().select_related("locale").order_by("path")

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        translations = defaultdict(list)
        for translation in (
            self.site_pages()
            .filter(translation_key__in={item.translation_key for item in items})
            .select_related("locale")
            .order_by("locale__language_code")
        ):
            translations[translation.translation_key].append(translation)

        urls, last_mods = [], set()
        for item in items:
            alternates = [
                {"lang_code": translation.locale.language_code, "location": translation.get_full_url(self.request)}
                for translation in translations[item.translation_key]
            ]
            default = [a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE]
            if len(alternates) > 1 and default:
                alternates.append({"lang_code": "x-default", "location": default[0]["location"]})
            lastmod = self.lastmod(item)
            urls.append(
                {
                    "item": item,
                    "location": item.get_full_url(self.request),
                    "lastmod": lastmod,
                    "alternates": alternates if len(alternates) > 1 else [],
                }
            )
            last_mods.add(lastmod)
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
