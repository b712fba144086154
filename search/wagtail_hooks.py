"""Search in the admin: the synonym list and the popular searches of visitors."""

import datetime

from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.contrib.search_promotions.models import QueryDailyHits
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SynonymGroup

POPULAR_SEARCHES_DAYS = 30
POPULAR_SEARCHES_SHOWN = 10
#: A query typed once may be one visitor's name or e-mail address; what many
#: visitors search for is what editors need to see.
POPULAR_SEARCHES_MIN_HITS = 2


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "resubmit"
    menu_label = _("Search synonyms")
    menu_name = "search-synonyms"
    add_to_settings_menu = True
    list_display = ["__str__", "language"]
    list_filter = ["language"]


register_snippet(SynonymGroupViewSet)


def popular_searches(days=POPULAR_SEARCHES_DAYS, limit=POPULAR_SEARCHES_SHOWN, found_nothing=False):
    """``[{"text", "hits", "results"}]``: the most frequent visitor searches of
    the last ``days`` days, with the results each found the last time
    (``None``: not known); with ``found_nothing``, only those that found none.

    Summed from the daily hits directly: ``Query.get_most_popular(date_since=...)``
    joins the daily hits twice and so multiplies the sums.
    """
    since = timezone.localdate() - datetime.timedelta(days=days)
    hits = QueryDailyHits.objects.filter(date__gte=since)
    if found_nothing:
        hits = hits.filter(query__results_found__results=0)
    return list(
        hits.values(text=F("query__query_string"), results=F("query__results_found__results"))
        .annotate(hits=Sum("hits"))
        .filter(hits__gte=POPULAR_SEARCHES_MIN_HITS)
        .order_by("-hits", "text")[:limit]
    )


class PopularSearchesPanel(Component):
    """Dashboard panel: what visitors searched for most in the last 30 days.

    Shown to everyone who can use the admin (editors, moderators and
    translators alike): it tells them what visitors look for and which queries
    deserve a promoted result or a synonym. Wagtail's own "Search terms"
    report is for administrators only.
    """

    name = "popular_searches"
    template_name = "search/admin/popular_searches_panel.html"
    order = 400

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = self.request.user
        context["queries"] = popular_searches()
        context["fruitless_queries"] = popular_searches(found_nothing=True)
        context["days"] = POPULAR_SEARCHES_DAYS
        context["can_promote"] = user.has_perm("wagtailsearchpromotions.add_searchpromotion")
        return context


@hooks.register("construct_homepage_panels")
def add_popular_searches_panel(request, panels):
    panels.append(PopularSearchesPanel(request))
