"""Synonym groups editors keep, and the query expansion they drive."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from search.analysis import analyse_query, index_terms, name_keys
from search.analysis.synonyms import analysed_groups, expand_query_terms
from search.models import SynonymGroup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    """The cache outlives each test's database transaction."""
    cache.clear()


@pytest.fixture(autouse=True)
def no_gazetteer(monkeypatch):
    """The editors' groups alone: the gazetteer knows these cities' names too
    (its merge is tested in test_typos.py)."""
    from search.analysis import gazetteer

    monkeypatch.setattr(gazetteer, "places", lambda: [])
    gazetteer._index.cache_clear()
    yield
    gazetteer._index.cache_clear()


def terms_of(word, language=None):
    """The query terms of one word, without synonyms (analysed with the expansion off)."""
    from search.analysis.synonyms import _analysing_variants

    token = _analysing_variants.set(True)
    try:
        return set(analyse_query(word, [language] if language else None).words[0].terms)
    finally:
        _analysing_variants.reset(token)


def key(word):
    return name_keys(word.lower())[0]


class TestSynonymGroup:
    def test_variants_split_on_commas_and_lines_trimmed_without_repeats(self):
        group = SynonymGroup(variants="Tsjaikovski, Tchaikovsky\n Чайковский ;Tchaikovsky,,")
        assert group.variant_list() == ["Tsjaikovski", "Tchaikovsky", "Чайковский"]
        assert str(group) == "Tsjaikovski, Tchaikovsky, Чайковский"

    def test_needs_two_variants(self):
        with pytest.raises(ValidationError) as error:
            SynonymGroup(variants="Leningrad").full_clean()
        assert "variants" in error.value.message_dict

    def test_language_is_optional_and_one_of_the_sites(self):
        SynonymGroup(variants="a, b").full_clean()
        SynonymGroup(variants="a, b", language="nl").full_clean()
        with pytest.raises(ValidationError):
            SynonymGroup(variants="a, b", language="xx").full_clean()


class TestExpandQueryTerms:
    def test_a_variant_brings_the_terms_of_the_others(self):
        SynonymGroup.objects.create(variants="Leningrad, Sint-Petersburg, Санкт-Петербург")
        expanded = expand_query_terms(terms_of("leningrad"), None)
        assert set(index_terms("Petersburg", "nl")) & expanded
        assert set(index_terms("Петербург", "ru")) & expanded

    def test_names_no_transliteration_rule_joins(self):
        # Exonyms share no key: only the editor's group joins them.
        assert not terms_of("luik") & terms_of("liège")
        SynonymGroup.objects.create(variants="Luik, Liège, Lüttich")
        assert key("liege") in expand_query_terms(terms_of("luik"), None)
        assert key("luik") in expand_query_terms(terms_of("lüttich"), None)

    def test_terms_without_a_variant_are_left_alone(self):
        SynonymGroup.objects.create(variants="Leningrad, Sint-Petersburg")
        terms = terms_of("jubileum", "nl")
        assert expand_query_terms(terms, "nl") == terms

    def test_a_multi_word_variant_needs_all_its_words(self):
        SynonymGroup.objects.create(variants="Sint-Petersburg, Leningrad")
        assert key("leningrad") not in expand_query_terms(terms_of("sint"), None)
        both = terms_of("sint") | terms_of("petersburg")
        assert key("leningrad") in expand_query_terms(both, None)

    def test_a_group_for_one_language_applies_only_to_searches_in_it(self):
        SynonymGroup.objects.create(variants="gemeenschap, diaspora", language="nl")
        diaspora = terms_of("diaspora", "nl")
        assert diaspora & expand_query_terms(terms_of("gemeenschap", "nl"), "nl")
        assert not terms_of("diaspora", "fr") & expand_query_terms(terms_of("gemeenschap", "fr"), "fr")
        assert terms_of("diaspora") & expand_query_terms(terms_of("gemeenschap"), None)

    def test_query_analysis_expands_synonyms(self):
        SynonymGroup.objects.create(variants="Luik, Liège")
        assert terms_of("liège") <= set(analyse_query("Luik").terms)

    def test_cache_follows_saves_and_deletes(self, django_assert_num_queries):
        group = SynonymGroup.objects.create(variants="Luik, Liège")
        analysed_groups(None)
        with django_assert_num_queries(0):
            analysed_groups(None)
        group.variants = "Luik, Lüttich"
        group.save()
        assert key("luik") in expand_query_terms(terms_of("lüttich"), None)
        assert key("luik") not in expand_query_terms(terms_of("liège"), None)
        group.delete()
        assert expand_query_terms(terms_of("lüttich"), None) == terms_of("lüttich")
