"""What the Elasticsearch 8 and 9 backends share: language routing, mapping and the engine.

Wagtail's Elasticsearch backends analyse every page with one analyser (Wagtail
issue #1177). Ours index each page's title and text a second time, into fields
of its own language (``_title_nl``, ``_text_nl``) analysed by Elasticsearch's
built-in language analyser, and copy the pre-analysed ``search_terms`` of
``search.analysis`` (stems and transliteration keys) into one
whitespace-analysed field, ``_search_terms``. A query is routed by language: a
search filtered to one locale asks that language's fields, an unfiltered one
asks every language's, and both ask ``_search_terms`` with the query analysed
in Python the same way as on the database backend.

If Elasticsearch cannot be reached (or answers with an error), the results fall
back to the database backend (:mod:`search.backends.elasticsearch_fallback`).
"""

from functools import cached_property

from django.db import models
from modelsearch.index import FilterField, SearchField, get_indexed_models
from modelsearch.query import PlainText
from modelsearch.utils import deep_update
from wagtail.models import Locale, Page

from core.languages import base_language
from core.languages import content_languages as site_content_languages
from search.analysis import ANALYSED_FIELD_NAMES, analyse_query
from search.analysis.languages import elasticsearch_analyzer
from search.backends.elasticsearch_engine import (
    FUZZY_MATCH,
    TRANSLATION_KEY_FIELD,
    analysed_terms_clauses,
    filter_column,
    prefix_matches_body,
    ranked_matches_body,
    ranked_matches_of_response,
    rows_of_hits,
)
from search.backends.elasticsearch_fallback import ELASTICSEARCH_ERRORS, FallbackBackendMixin
from search.engine import SearchEngine, as_search_engine
from search.matches import AnalysedSearchQuery, split_terms

#: The index field each pre-analysed field of the page models
#: (``BasePage.search_title_terms`` and ``search_terms``: terms separated by
#: spaces) is copied to, so that one query reaches every page type.
ANALYSED_INDEX_FIELDS = {name: f"_{name}" for name in ANALYSED_FIELD_NAMES}
SEARCH_TERMS_FIELD = ANALYSED_INDEX_FIELDS["search_terms"]
SEARCH_TERMS_ANALYZER = "search_terms"


def content_languages():
    """The site's content languages (``en``, ``nl``, ...), in settings order."""
    return list(dict.fromkeys(language.base for language in site_content_languages()))


def title_field(language):
    return f"_title_{language}"


def text_field(language):
    return f"_text_{language}"


def language_index_settings(base_settings):
    """Wagtail's index settings plus the analyser of the pre-analysed terms.

    The language analysers are Elasticsearch built-ins, referred to by name in
    the mapping; only the whitespace analyser of ``_search_terms`` is defined
    here (lower-casing again costs nothing and guards against any
    un-normalised term).
    """
    return deep_update(
        base_settings,
        {
            "settings": {
                "analysis": {
                    "analyzer": {
                        SEARCH_TERMS_ANALYZER: {
                            "type": "custom",
                            "tokenizer": "whitespace",
                            "filter": ["lowercase"],
                        }
                    }
                }
            }
        },
    )


def is_translatable(model):
    return any(field.name == "locale" for field in model._meta.get_fields())


def analysed_fields(model):
    """``{field name: boost}`` of the pre-analysed fields of ``model`` and its indexed subclasses.

    Searches usually run on ``Page``, whose subclasses (``BasePage``'s) hold them.
    """
    fields = {}
    for indexed_model in get_indexed_models():
        if not issubclass(indexed_model, model):
            continue
        for field in indexed_model.get_search_fields():
            if isinstance(field, SearchField) and field.field_name in ANALYSED_INDEX_FIELDS:
                fields[field.field_name] = max(fields.get(field.field_name, 1), field.boost or 1)
    return dict(sorted(fields.items()))


def _flatten_text(value):
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _flatten_text(item)]
    return [str(value)]


class LanguageMappingMixin:
    """Adds the per-language fields and the ``_search_terms`` field to Wagtail's mapping."""

    def get_field_mapping(self, field):
        if isinstance(field, SearchField) and field.field_name in ANALYSED_INDEX_FIELDS:
            # Pre-analysed terms: split on spaces only, and kept out of
            # ``_all_text`` whose standard analyser would mix transliteration
            # keys and stems into ordinary words.
            return self.get_field_column_name(field), {
                "type": "text",
                "analyzer": SEARCH_TERMS_ANALYZER,
                "copy_to": ANALYSED_INDEX_FIELDS[field.field_name],
            }
        return super().get_field_mapping(field)

    def get_mapping(self):
        mapping = super().get_mapping()
        properties = mapping["properties"]
        for field in self.analysed_search_fields():
            properties[ANALYSED_INDEX_FIELDS[field.field_name]] = {"type": "text", "analyzer": SEARCH_TERMS_ANALYZER}
        if is_translatable(self.model):
            properties[TRANSLATION_KEY_FIELD] = {"type": "keyword"}
            for language in content_languages():
                analyzer = elasticsearch_analyzer(language)
                properties[title_field(language)] = {"type": "text", "analyzer": analyzer}
                properties[text_field(language)] = {"type": "text", "analyzer": analyzer}
        return mapping

    def analysed_search_fields(self):
        return [
            field
            for field in self.model.get_search_fields()
            if isinstance(field, SearchField) and field.field_name in ANALYSED_INDEX_FIELDS
        ]

    def title_search_field(self):
        for field in self.model.get_search_fields():
            if isinstance(field, SearchField) and field.field_name == "title":
                return field
        return None

    def get_document(self, obj):
        doc = super().get_document(obj)
        if not is_translatable(self.model):
            return doc
        doc[TRANSLATION_KEY_FIELD] = str(obj.translation_key)
        language = self.language_of(obj)
        if language not in content_languages():
            return doc
        title, texts = [], []
        for field in self.model.get_search_fields():
            if not isinstance(field, SearchField) or field.field_name in ANALYSED_INDEX_FIELDS:
                continue
            values = _flatten_text(doc.get(self.get_field_column_name(field)))
            (title if field.field_name == "title" else texts).extend(values)
        doc[title_field(language)] = title
        doc[text_field(language)] = texts
        return doc

    @cached_property
    def languages_by_locale_id(self):
        return {pk: base_language(code) for pk, code in Locale.objects.values_list("pk", "language_code")}

    def language_of(self, obj):
        """The base language code of ``obj``'s locale.

        Locales are few: one query per mapping (that is, per bulk batch of
        ``update_index``) instead of one per page.
        """
        language = self.languages_by_locale_id.get(obj.locale_id)
        if language is None:
            language = base_language(obj.locale.language_code)
        return language


class LanguageRoutingQueryCompilerMixin:
    """Sends a query to the fields of its languages.

    A query analysed by the search service (``AnalysedSearchQuery``) names its
    languages; a plain-text one (the admin's page search) is analysed here in
    every language. Either is narrowed by the queryset's ``locale`` filter
    (``locale=`` or ``locale_id=``), so callers route a query just by filtering
    to a locale, as they must for the results anyway. Queries that name their
    fields, or are of other kinds, keep Wagtail's behaviour.
    """

    #: The locales the queryset is filtered to (``None``: not filtered by locale).
    filtered_locale_ids = None

    # ``_process_lookup`` is the hook modelsearch's query compilers document
    # "to be implemented by subclasses" to turn a queryset filter into the
    # engine's; no public method sees the filters' values. Its signature is
    # checked by tests/search/test_backend_hooks.py.
    def _process_lookup(self, field_path, lookup, value, *args, **kwargs):
        field = field_path[0]
        if isinstance(field, FilterField) and field.field_name == "locale" and len(field_path) == 1:
            values = value if lookup == "in" else [value] if lookup == "exact" else []
            ids = {item.pk if isinstance(item, models.Model) else item for item in values}
            if ids and all(isinstance(pk, int) for pk in ids):
                self.filtered_locale_ids = ids
        return super()._process_lookup(field_path, lookup, value, *args, **kwargs)

    def get_query(self):
        # Filters first: they tell the inner query which languages to ask.
        self.filtered_locale_ids = None
        filters = self.get_filters()
        inner_query = self.get_inner_query()
        return {"bool": {"must": inner_query, "filter": filters}}

    def query_languages(self, languages=None):
        """Languages to search: the query's (default: every content language),
        narrowed to the locales the queryset is filtered to."""
        languages = [base_language(code) for code in languages or content_languages()]
        locale_ids = self.filtered_locale_ids
        if locale_ids:
            codes = Locale.objects.filter(pk__in=locale_ids).values_list("language_code", flat=True)
            wanted = {base_language(code) for code in codes}
            languages = [language for language in languages if language in wanted]
        return languages

    def get_inner_query(self):
        if self.fields or not is_translatable(self.queryset.model):
            return super().get_inner_query()
        if isinstance(self.query, AnalysedSearchQuery):
            # Analysed by the search service, in the languages it asks for.
            languages = self.query_languages(self.query.analysed.languages)
            return self.language_routed_query(self.query.analysed, languages)
        if isinstance(self.query, PlainText):
            languages = self.query_languages()
            analysed = analyse_query(self.query.query_string, languages)
            return self.language_routed_query(analysed, languages, operator=self.query.operator)
        return super().get_inner_query()

    def language_routed_query(self, analysed, languages, operator="or"):
        """The query's words in each language's fields, OR its analysed terms.

        The language fields rank by Elasticsearch's own stemming; the analysed
        terms bring what it lacks: transliteration keys across scripts, accent
        folding, synonyms, and prefix keys for compound words. The words that
        match few pages (all of them when the term dictionary is empty) are
        asked again with Elasticsearch's fuzzy matching, at the database
        backends' edit distances (:func:`~.elasticsearch_engine.analysed_terms_clauses`).
        """
        language_fields = []
        for language in languages:
            language_fields += [f"{title_field(language)}^{self.title_boost()}", text_field(language)]
        should = []
        tolerant_text = " ".join(word.text for word in analysed.words if word.few_matches)
        for text, options in ((analysed.text, {}), (tolerant_text, FUZZY_MATCH)):
            if language_fields and text:
                match = {"query": text, "fields": language_fields, **options}
                if operator != "or":
                    match["operator"] = operator
                should.append({"multi_match": match})
        fields = {ANALYSED_INDEX_FIELDS[name]: boost for name, boost in analysed_fields(self.queryset.model).items()}
        should += analysed_terms_clauses(analysed, fields)
        # Prefix terms (long name keys and stems: ``Poesjkin`` finds
        # ``Poesjkindag``) match as prefixes, as on the database backend.
        should += [{"prefix": {SEARCH_TERMS_FIELD: {"value": key}}} for key in analysed.prefix_keys]
        if not should:
            return {"bool": {"must_not": {"match_all": {}}}}
        return {"bool": {"should": should, "minimum_should_match": 1}}

    def title_boost(self):
        title = self.mapping.title_search_field()
        return title.boost if title is not None and title.boost else 1


class LanguageSearchBackendMixin(FallbackBackendMixin, SearchEngine):
    """Language index settings, the fallback backend with its back-off
    (:mod:`.elasticsearch_fallback`), and the search service's
    :class:`~search.engine.SearchEngine`: matches from the backend's results,
    the indexed terms from the documents."""

    def __init__(self, params):
        super().__init__(params)
        self.settings = language_index_settings(self.settings)

    def ranked_matches(self, query, pages, limit, wanted=None, count_translations=False):
        """The best ``limit`` wanted matches and every match counted, in one
        request (:mod:`.elasticsearch_engine`); from the fallback backend when
        Elasticsearch cannot answer."""
        if not self.is_resting():
            try:
                return self._ranked_matches(query, pages, limit, wanted, count_translations)
            except ELASTICSEARCH_ERRORS as error:
                self.report_failure(error)
        return as_search_engine(self.fallback_backend).ranked_matches(query, pages, limit, wanted, count_translations)

    def ranked_matches_request(self, query, pages, limit, wanted=None, count_translations=False):
        """``(index name, body, type column, locale column)`` of the engine's search request."""
        compiler = self.query_compiler_class(pages, query)
        type_column = filter_column(compiler.mapping, "content_type")
        locale_column = filter_column(compiler.mapping, "locale")
        wanted_filters = self.query_compiler_class(wanted, query).get_filters() if wanted is not None else None
        body = ranked_matches_body(
            compiler.get_query(), limit, type_column, locale_column, wanted_filters, count_translations
        )
        return self.get_index_for_model(pages.model).name, body, type_column, locale_column

    def _ranked_matches(self, query, pages, limit, wanted, count_translations):
        index, body, type_column, locale_column = self.ranked_matches_request(
            query, pages, limit, wanted, count_translations
        )
        return ranked_matches_of_response(self.es.search(index=index, **body), type_column, locale_column)

    def prefix_matches(self, analysed, pages, limit=200):
        """Suggestions from the analysed title terms, in one request
        (:func:`~.elasticsearch_engine.prefix_matches_body`); from the
        fallback backend when Elasticsearch cannot answer."""
        if not self.is_resting():
            try:
                index, body, type_column, locale_column = self.prefix_matches_request(analysed, pages, limit)
                return rows_of_hits(self.es.search(index=index, **body), type_column, locale_column)
            except ELASTICSEARCH_ERRORS as error:
                self.report_failure(error)
        return as_search_engine(self.fallback_backend).prefix_matches(analysed, pages, limit)

    def prefix_matches_request(self, analysed, pages, limit):
        """``(index name, body, type column, locale column)`` of the suggestions' request."""
        compiler = self.query_compiler_class(pages, PlainText(analysed.text))
        type_column = filter_column(compiler.mapping, "content_type")
        locale_column = filter_column(compiler.mapping, "locale")
        title_terms = ANALYSED_INDEX_FIELDS["search_title_terms"]
        body = prefix_matches_body(analysed, compiler.get_filters(), limit, title_terms, type_column, locale_column)
        return self.get_index_for_model(pages.model).name, body, type_column, locale_column

    def analysed_terms(self, pages):
        """``{page pk: (title terms, all terms)}`` as indexed, for the search service's re-ranking.

        Read from the documents' stored source; from the fallback backend when
        Elasticsearch cannot answer.
        """
        if not pages:
            return {}
        if not self.is_resting():
            try:
                return self._indexed_terms(pages)
            except ELASTICSEARCH_ERRORS as error:
                self.report_failure(error)
        return as_search_engine(self.fallback_backend).analysed_terms(pages)

    def _indexed_terms(self, pages):
        response = self.es.mget(
            index=self.get_index_for_model(Page).name,
            ids=[str(page.pk) for page in pages],
            source_includes=[f"*{name}" for name in ANALYSED_FIELD_NAMES],
        )
        terms = {}
        for doc in response["docs"]:
            if not doc.get("found"):
                continue
            values = {
                name: value
                for key, value in doc["_source"].items()
                for name in ANALYSED_FIELD_NAMES
                if key == name or key.endswith(f"__{name}")
            }
            terms[int(doc["_id"])] = (
                (values.get("search_title_terms") or "").split(),
                split_terms(values.get("search_terms") or ""),
            )
        return terms
