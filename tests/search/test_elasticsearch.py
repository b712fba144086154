"""The Elasticsearch 8 and 9 backends: index settings, mappings, queries and fallback.

Settings, mappings, documents and compiled queries are plain dicts, tested
without a server. The fallback is tested against a real unreachable server
(nothing listens on 127.0.0.1:9). Tests against a real Elasticsearch run only
when ``ELASTICSEARCH_URL`` is set.
"""

import logging
import os
import uuid

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from home.models import StandardPage
from localisation.translation import translate_page
from search.analysis import KEY_PREFIX, analyse_query
from search.analysis.fuzzy import expand_fuzzy
from search.backends import elasticsearch8, elasticsearch9
from search.backends.elasticsearch_common import SEARCH_TERMS_FIELD
from search.backends.elasticsearch_engine import FUZZY_MATCH, KEY_FUZZY_MATCH
from search.backends.elasticsearch_fallback import _resting_until
from search.matches import AnalysedSearchQuery
from tests import factories

BACKEND_MODULES = {8: elasticsearch8, 9: elasticsearch9}
UNREACHABLE_URL = "http://127.0.0.1:9"
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL")
LANGUAGE_ANALYZERS = {"en": "english", "nl": "dutch", "fr": "french", "ru": "russian"}


@pytest.fixture(params=sorted(BACKEND_MODULES), ids=lambda major: f"es{major}")
def backend_module(request):
    return BACKEND_MODULES[request.param]


def make_backend(module, url=UNREACHABLE_URL, forget_failures=True):
    """A backend instance (creating one opens no connection), by default
    forgetting earlier failures of the server."""
    if forget_failures:
        _resting_until.clear()
    return module.SearchBackend({"URLS": [url], "INDEX_PREFIX": "test_", "TIMEOUT": 1})


@pytest.fixture
def pushkin_pages(home_page, locales, django_capture_on_commit_callbacks):
    """An English page about Pushkin and its Dutch and Russian translations, all live."""
    english = factories.StandardPageFactory(
        parent=home_page,
        title="Pushkin Foundation",
        slug="pushkin-foundation",
        summary="The foundation keeps the traditions of Pushkin's poetry.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        dutch = translate_page(
            english,
            "nl",
            {
                "title": "Poesjkinfonds",
                "slug": "poesjkinfonds",
                "summary": "Het fonds bewaart de tradities van Poesjkin.",
            },
        )
        russian = translate_page(
            english,
            "ru",
            {"title": "Фонд Пушкина", "slug": "fond-pushkina", "summary": "Фонд хранит традиции поэзии Пушкина."},
        )
    dutch.refresh_from_db()
    russian.refresh_from_db()
    return {"en": english, "nl": dutch.specific, "ru": russian.specific}


class TestIndexSettings:
    def test_whitespace_analyser_of_the_search_terms(self, backend_module):
        analysis = make_backend(backend_module).settings["settings"]["analysis"]
        assert analysis["analyzer"]["search_terms"] == {
            "type": "custom",
            "tokenizer": "whitespace",
            "filter": ["lowercase"],
        }

    def test_keeps_wagtails_autocomplete_analysers(self, backend_module):
        analysis = make_backend(backend_module).settings["settings"]["analysis"]
        assert {"ngram_analyzer", "edgengram_analyzer"} <= set(analysis["analyzer"])

    def test_settings_of_the_class_are_not_changed(self, backend_module):
        make_backend(backend_module)
        class_analysers = backend_module.SearchBackend.settings["settings"]["analysis"]["analyzer"]
        assert "search_terms" not in class_analysers


class TestMapping:
    def mapping(self, backend_module, model):
        return backend_module.SearchBackend.mapping_class(model).get_mapping()["properties"]

    @pytest.mark.parametrize("model", [Page, StandardPage], ids=["root", "subclass"])
    def test_a_title_and_text_field_per_language_with_its_builtin_analyser(self, backend_module, model):
        properties = self.mapping(backend_module, model)
        for language, analyzer in LANGUAGE_ANALYZERS.items():
            assert properties[f"_title_{language}"] == {"type": "text", "analyzer": analyzer}
            assert properties[f"_text_{language}"] == {"type": "text", "analyzer": analyzer}

    @pytest.mark.parametrize("name", ["search_terms", "search_title_terms"])
    def test_analysed_terms_copied_to_one_whitespace_field(self, backend_module, name):
        properties = self.mapping(backend_module, StandardPage)
        assert properties[f"_{name}"] == {"type": "text", "analyzer": "search_terms"}
        assert properties[f"core_basepage__{name}"] == {
            "type": "text",
            "analyzer": "search_terms",
            "copy_to": f"_{name}",
        }

    def test_wagtails_own_fields_are_kept(self, backend_module):
        properties = self.mapping(backend_module, StandardPage)
        assert properties["title"]["copy_to"] == ["_all_text", "_all_text_boost_2_0"]
        assert properties["locale_id_filter"] == {"type": "integer"}
        assert "_edgengrams" in properties

    def test_models_without_a_language_get_no_language_fields(self, backend_module):
        from wagtail.images.models import Image

        properties = self.mapping(backend_module, Image)
        assert not any(name.startswith(("_title_", "_text_")) for name in properties)
        assert SEARCH_TERMS_FIELD not in properties


class TestDocument:
    def document(self, backend_module, page):
        return backend_module.SearchBackend.mapping_class(type(page)).get_document(page)

    def test_text_goes_to_the_fields_of_the_pages_language(self, backend_module, pushkin_pages):
        doc = self.document(backend_module, pushkin_pages["nl"])
        assert doc["_title_nl"] == ["Poesjkinfonds"]
        assert "Het fonds bewaart de tradities van Poesjkin." in doc["_text_nl"]
        assert not any(name in doc for name in ("_title_en", "_text_en", "_title_fr", "_title_ru"))

    def test_russian_page(self, backend_module, pushkin_pages):
        doc = self.document(backend_module, pushkin_pages["ru"])
        assert doc["_title_ru"] == ["Фонд Пушкина"]
        assert "_title_nl" not in doc

    def test_pre_analysed_terms_with_transliteration_keys(self, backend_module, pushkin_pages):
        from search.analysis import name_keys

        english_terms = self.document(backend_module, pushkin_pages["en"])["core_basepage__search_terms"].split()
        russian_terms = self.document(backend_module, pushkin_pages["ru"])["core_basepage__search_terms"].split()
        pushkin_key = name_keys("pushkin")[0]
        assert pushkin_key in english_terms
        assert pushkin_key in russian_terms


@pytest.mark.django_db  # a plain query is analysed with the editors' synonyms
class TestQueryRouting:
    def compiled(self, backend_module, queryset, query="poesjkin"):
        results = make_backend(backend_module).search(query, queryset)
        return results.query_compiler.get_query()

    def test_query_with_a_locale_asks_that_languages_fields(self, backend_module, locales):
        query = self.compiled(backend_module, Page.objects.filter(locale=locales["nl"]))
        should = query["bool"]["must"]["bool"]["should"]
        fields = ["_title_nl^2", "_text_nl"]
        assert should[0] == {"multi_match": {"query": "poesjkin", "fields": fields}}
        assert should[1] == {"multi_match": {"query": "poesjkin", "fields": fields, **FUZZY_MATCH}}
        assert {"term": {"locale_id_filter": locales["nl"].pk}} in query["bool"]["filter"]

    def test_query_without_a_locale_asks_every_language(self, backend_module):
        query = self.compiled(backend_module, Page.objects.all())
        fields = query["bool"]["must"]["bool"]["should"][0]["multi_match"]["fields"]
        assert fields == [
            "_title_en^2",
            "_text_en",
            "_title_nl^2",
            "_text_nl",
            "_title_fr^2",
            "_text_fr",
            "_title_ru^2",
            "_text_ru",
        ]

    def test_locale_given_by_id(self, backend_module, locales):
        query = self.compiled(backend_module, StandardPage.objects.filter(locale_id=locales["ru"].pk))
        fields = query["bool"]["must"]["bool"]["should"][0]["multi_match"]["fields"]
        assert fields == ["_title_ru^2", "_text_ru"]

    def test_analysed_terms_and_transliteration_keys_asked_from_the_whitespace_fields(self, backend_module, locales):
        query = self.compiled(backend_module, Page.objects.filter(locale=locales["nl"]), "Poesjkin")
        should = query["bool"]["must"]["bool"]["should"]
        analysed = analyse_query("Poesjkin", ["nl"])
        terms = " ".join(analysed.terms)
        assert {"match": {"_search_terms": {"query": terms}}} in should
        assert {"match": {"_search_title_terms": {"query": terms, "boost": 3}}} in should
        assert any(term.startswith(KEY_PREFIX) for term in analysed.terms), "a transliteration key is asked"
        assert query["bool"]["must"]["bool"]["minimum_should_match"] == 1

    def test_the_search_services_queryset_compiles(self, backend_module, locales):
        from wagtail.models import Site

        from search.service import visible_pages

        pages = visible_pages(Site.objects.get(is_default_site=True)).filter(locale=locales["fr"])
        query = self.compiled(backend_module, pages, "Pouchkine")
        fields = query["bool"]["must"]["bool"]["should"][0]["multi_match"]["fields"]
        assert fields == ["_title_fr^2", "_text_fr"]

    def test_typos_tolerated_with_the_database_backends_edit_distances(self, backend_module):
        query = self.compiled(backend_module, Page.objects.all(), "Puskin")
        should = query["bool"]["must"]["bool"]["should"]
        fuzzy = [clause["multi_match"] for clause in should if "fuzziness" in clause.get("multi_match", {})]
        fuzzy += [match for clause in should for match in clause.get("match", {}).values() if "fuzziness" in match]
        # 0 edits up to 3 letters, 1 from 4 to 7, 2 beyond; transpositions count one.
        assert fuzzy and all(
            match["fuzziness"] == "AUTO:4,8" or match == {**match, **KEY_FUZZY_MATCH} for match in fuzzy
        )
        assert all(match["fuzzy_transpositions"] is True for match in fuzzy)
        # Name keys: the thresholds count their letters, not the prefix, which must match.
        keys = [match for match in fuzzy if match.get("prefix_length") == len(KEY_PREFIX)]
        assert keys and all(match["fuzziness"] == "AUTO:5,9" for match in keys)
        assert all(term.startswith(KEY_PREFIX) for match in keys for term in match["query"].split())
        stems = [match for match in fuzzy if match not in keys and "fields" not in match]
        assert stems and not any(term.startswith(KEY_PREFIX) for match in stems for term in match["query"].split())

    @pytest.mark.django_db
    def test_words_many_pages_hold_are_matched_without_edits(self, backend_module, home_page):
        for number in range(3):
            factories.StandardPageFactory(parent=home_page, title=f"Pushkin {number}")
        factories.StandardPageFactory(parent=home_page, title="Rachmaninov")
        analysed = expand_fuzzy(analyse_query("Pushkin Rachmaninov", ["en"]))
        results = make_backend(backend_module).search(AnalysedSearchQuery(analysed), Page.objects.live())
        should = results.query_compiler.get_query()["bool"]["must"]["bool"]["should"]
        fuzzy = [
            match for clause in should for match in (*clause.get("match", {}).values(), clause.get("multi_match", {}))
        ]
        fuzzy = [match for match in fuzzy if "fuzziness" in match]
        assert fuzzy, "the rare word is asked with edits"
        rare = analysed.words[1]
        assert {term for match in fuzzy for term in match["query"].split()} == rare.terms | {rare.text}

    def test_prefix_terms_match_as_prefixes(self, backend_module):
        query = self.compiled(backend_module, Page.objects.all(), "Tsjajkovski")
        should = query["bool"]["must"]["bool"]["should"]
        prefix_keys = analyse_query("Tsjajkovski").prefix_keys
        assert prefix_keys
        for key in prefix_keys:
            assert {"prefix": {SEARCH_TERMS_FIELD: {"value": key}}} in should

    def test_query_analysed_by_the_service_is_routed_by_its_languages(self, backend_module):
        analysed = analyse_query("jubilea", ["nl"])
        results = make_backend(backend_module).search(AnalysedSearchQuery(analysed), Page.objects.live())
        should = results.query_compiler.get_query()["bool"]["must"]["bool"]["should"]
        assert should[0] == {"multi_match": {"query": "jubilea", "fields": ["_title_nl^2", "_text_nl"]}}
        assert {"match": {"_search_terms": {"query": " ".join(analysed.terms)}}} in should

    def test_queries_naming_fields_keep_wagtails_behaviour(self, backend_module):
        named = make_backend(backend_module).search("pushkin", Page.objects.all(), fields=["title"])
        assert named.query_compiler.get_query()["bool"]["must"] == {
            "match": {"title": {"query": "pushkin", "boost": 2.0}}
        }


@pytest.mark.django_db
class TestFallbackToTheDatabase:
    """Elasticsearch at a closed port: results come from the database backend, with a warning."""

    def test_search_answers_from_the_database(self, backend_module, home_page, caplog):
        page = factories.StandardPageFactory(parent=home_page, title="Jubilee concert")
        backend = make_backend(backend_module)
        with caplog.at_level(logging.WARNING, logger="search.backends.elasticsearch_fallback"):
            results = backend.search("concert", Page.objects.live())
            assert [result.pk for result in results] == [page.pk]
        assert "answering from the" in caplog.text

    def test_count_facet_and_slices(self, backend_module, home_page):
        for number in range(3):
            factories.StandardPageFactory(parent=home_page, title=f"Concert {number}")
        backend = make_backend(backend_module)
        results = backend.search("concert", StandardPage.objects.live())
        assert results.count() == 3
        assert len(results[1:3]) == 2
        assert sum(results.facet("locale_id").values()) == 3

    def test_autocomplete_answers_from_the_database(self, backend_module, home_page):
        page = factories.StandardPageFactory(parent=home_page, title="Poesjkinfonds")
        results = make_backend(backend_module).autocomplete("Poesjkinfonds", Page.objects.live())
        assert page.pk in [result.pk for result in results]

    def test_service_query_and_terms_for_reranking_from_the_database(self, backend_module, pushkin_pages):
        backend = make_backend(backend_module)
        query = AnalysedSearchQuery(analyse_query("Poesjkin"))
        found = {page.pk for page in backend.search(query, Page.objects.live())}
        assert {page.pk for page in pushkin_pages.values()} <= found
        terms = backend.analysed_terms(
            [Page(pk=page.pk, content_type_id=page.content_type_id) for page in pushkin_pages.values()]
        )
        title_terms, _all_terms = terms[pushkin_pages["ru"].pk]
        assert analyse_query("Пушкин").words[0].terms & set(title_terms)

    def test_after_a_failure_elasticsearch_is_left_alone_for_a_while(self, backend_module, home_page, caplog):
        backend = make_backend(backend_module)
        list(backend.search("concert", Page.objects.live()))
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="search.backends.elasticsearch_fallback"):
            list(make_backend(backend_module, forget_failures=False).search("concert", Page.objects.live()))
        assert caplog.text == "", "no second attempt, so no second warning"

    def test_publishing_while_elasticsearch_is_down_does_not_fail(self, backend_module, home_page, settings):
        settings.WAGTAILSEARCH_BACKENDS = {
            "default": {"BACKEND": backend_module.__name__, "URLS": [UNREACHABLE_URL], "TIMEOUT": 1},
            "fallback": {"BACKEND": "search.backends.database"},
        }
        page = factories.StandardPageFactory(parent=home_page, title="Published while down", live=False)
        page.save_revision().publish()
        assert StandardPage.objects.live().filter(pk=page.pk).exists()


@pytest.mark.elasticsearch
@pytest.mark.skipif(not ELASTICSEARCH_URL, reason="needs a real Elasticsearch server: set ELASTICSEARCH_URL")
@pytest.mark.django_db
class TestRealElasticsearch:
    """The parity cases against a real server of the installed client's major version."""

    @pytest.fixture
    def backend(self, settings, pushkin_pages):
        from elasticsearch import VERSION

        module = BACKEND_MODULES[VERSION[0]]
        prefix = f"test_{uuid.uuid4().hex[:8]}_"
        settings.WAGTAILSEARCH_BACKENDS = {
            "default": {"BACKEND": module.__name__, "URLS": [ELASTICSEARCH_URL], "INDEX_PREFIX": prefix},
        }
        call_command("update_index", stdout=open(os.devnull, "w"))  # noqa: SIM115
        backend = get_search_backend()
        yield backend
        backend.es.indices.delete(index=f"{prefix}*")

    @pytest.mark.parametrize("query", ["Pushkin", "Poesjkin", "Pouchkine", "Puschkin", "Пушкин"])
    def test_spellings_of_a_name_find_every_language(self, backend, pushkin_pages, query):
        found = {page.pk for page in backend.search(query, Page.objects.live())}
        assert {page.pk for page in pushkin_pages.values()} <= found

    def test_locale_filter_keeps_to_that_language(self, backend, pushkin_pages, locales):
        found = [page.pk for page in backend.search("Pushkin", Page.objects.live().filter(locale=locales["ru"]))]
        assert found == [pushkin_pages["ru"].pk]

    def test_russian_word_forms(self, backend, pushkin_pages, locales):
        found = [page.pk for page in backend.search("традиция", Page.objects.live().filter(locale=locales["ru"]))]
        assert pushkin_pages["ru"].pk in found


class TestClientVersionCheck:
    def test_warns_when_the_client_does_not_match_the_servers_major_version(self, settings):
        from elasticsearch import VERSION

        from search.checks import check_elasticsearch_client_version

        other = 8 if VERSION[0] != 8 else 9
        settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": f"search.backends.elasticsearch{other}"}}
        assert [warning.id for warning in check_elasticsearch_client_version(None)] == ["search.W001"]
        settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": f"search.backends.elasticsearch{VERSION[0]}"}}
        assert check_elasticsearch_client_version(None) == []
