"""Query expansion by the synonym groups editors keep (:class:`search.models.SynonymGroup`),
merged with the gazetteer's other names of places (:mod:`search.analysis.gazetteer`).

Query analysis calls :func:`expand_query_terms` with the terms of the query;
a group whose variant is in the query adds the terms of all its variants, each
analysed in the query's language the way pages are indexed. The analysed
groups are cached (in Django's cache, shared by every process) and dropped
whenever an editor saves or deletes a group.
"""

from contextvars import ContextVar

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from search.analysis.gazetteer import place_terms
from search.analysis.languages import site_languages
from search.analysis.query import analyse_query
from search.models import SynonymGroup

CACHE_KEY = "search:synonym-groups:{language}"
ALL_LANGUAGES = "*"

# Variants are analysed by the query analysis, which itself expands synonyms:
# set while analysing them, so that the expansion does not recurse.
_analysing_variants = ContextVar("analysing_variants", default=False)


def _cache_key(language):
    return CACHE_KEY.format(language=language or ALL_LANGUAGES)


def _cache_keys():
    return [_cache_key(None)] + [_cache_key(code) for code in site_languages()]


def analyse_variant(variant, language):
    """A variant as a list of words, each the set of terms it may be indexed under."""
    token = _analysing_variants.set(True)
    try:
        analysed = analyse_query(variant, [language] if language else None)
    finally:
        _analysing_variants.reset(token)
    return [set(word.terms) for word in analysed.words]


def analysed_groups(language):
    """The groups that apply to ``language`` (``None``: every group), analysed and cached.

    Each group is a list of variants, each variant a list of words, each word
    a frozenset of terms.
    """
    key = _cache_key(language)
    groups = cache.get(key)
    if groups is None:
        queryset = SynonymGroup.objects.all()
        if language:
            queryset = queryset.filter(language__in=["", language])
        groups = []
        for group in queryset:
            variants = [analyse_variant(variant, language) for variant in group.variant_list()]
            variants = [[frozenset(word) for word in variant] for variant in variants if variant]
            if len(variants) > 1:
                groups.append(variants)
        cache.set(key, groups, timeout=None)
    return groups


def _variant_in(variant, terms):
    """Whether every word of the variant is among the query's terms."""
    return all(word & terms for word in variant)


def expand_query_terms(terms: set[str], language: str | None) -> set[str]:
    """``terms`` plus the terms of every synonym of a variant found in them."""
    terms = set(terms)
    if _analysing_variants.get():
        return terms
    expansion = place_terms(terms, language)
    for group in analysed_groups(language):
        if any(_variant_in(variant, terms) for variant in group):
            expansion.update(term for variant in group for word in variant for term in word)
    return terms | expansion


@receiver([post_save, post_delete], sender=SynonymGroup)
def clear_synonym_cache(**kwargs):
    cache.delete_many(_cache_keys())
