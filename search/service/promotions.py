"""Results editors promote for a query (Wagtail's search promotions), shown first."""

from django.utils import translation
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from search.analysis import site_languages
from search.service.ranking import engine_matches


def promotion_language(params):
    """The language whose promotions a search shows: the one searched in, or,
    for a search in every language, the visitor's own (the language of the
    page they search from, or of their browser for the API)."""
    if params.locale:
        return params.locale
    language = translation.get_language() or ""
    languages = site_languages()
    return language if language in languages else language.split("-")[0]


def promoted_pages(params, pages):
    """Live, visible pages an editor promoted for this query, in their order.

    Promotions are per query and language: a promotion of a page in one
    language answers the searches in that language (see
    :func:`promotion_language`), so the same query can promote the Dutch page
    to Dutch visitors and the French one to French visitors.
    """
    promoted = list(
        SearchPromotion.objects.filter(
            query__query_string=normalise_query_string(params.q),
            page__locale__language_code=promotion_language(params),
        )
        .order_by("sort_order")
        .values_list("page_id", flat=True)
    )
    if not promoted:  # most queries: the visible pages need not be asked
        return []
    visible = set(pages.filter(pk__in=promoted).values_list("pk", flat=True))
    return [pk for pk in promoted if pk in visible]


def matched_count(analysed, pages, engine, promoted, matches, count):
    """How many of the ``promoted`` pages (of the types asked for) match the
    query too, and so are counted once, not twice: read from the engine's rows
    when it returned all ``count`` wanted matches, else asked of it."""
    if len(matches.rows) >= count:
        matched = {row[0] for row in matches.rows}
        return sum(1 for pk in promoted if pk in matched)
    among = engine_matches(analysed, pages.filter(pk__in=promoted), engine, (), len(promoted))
    return sum(among.counts.values())
