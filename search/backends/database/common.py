"""What the analysed SQLite and PostgreSQL backends share (see :mod:`search.backends.database`)."""

from functools import reduce

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from modelsearch.backends.base import EmptySearchResults
from modelsearch.index import AutocompleteField, SearchField, get_indexed_models
from modelsearch.query import And, Or, PlainText
from wagtail.models import Page

from search.analysis import analyse_query
from search.backends.database.autocomplete import analysed_prefixes, matching_pks, typed_query, typed_words
from search.matches import AnalysedSearchQuery

#: Relative weight of a title match over a body match in the engine's ranking.
TITLE_WEIGHT = 4.0
#: Boost of ``search_title_terms`` in ``BasePage.search_fields`` (frozen in
#: migration ``search.0003`` too).
TITLE_TERMS_BOOST = 3


def prefix_lexemes(analysed, lexeme_class):
    """Any term of the earlier words of a suggestion prefix, and the last word as a prefix.

    ``lexeme_class`` is SQLite's Lexeme; PostgreSQL writes the same query as
    text (:func:`tsquery_text`).
    """
    words = [lexeme_class(term) for word in analysed.words[:-1] for term in sorted(word.terms)]
    prefixes = reduce(
        lambda a, b: a | b, [lexeme_class(term, prefix=True) for term in sorted(analysed.words[-1].terms)]
    )
    return reduce(lambda a, b: a | b, words) & prefixes if words else prefixes


def is_analysed_model(model):
    return any(getattr(field, "field_name", None) == "search_terms" for field in model.get_search_fields())


def analysed_content_type_ids():
    """Content types of the models indexed by their analysed terms (the pages of the site)."""
    models = [model for model in get_indexed_models() if is_analysed_model(model)]
    return [content_type.pk for content_type in ContentType.objects.get_for_models(*models).values()]


class PageTitleNormsLeftAloneMixin:
    """For an index: title norms serve Wagtail's own ranking of other models
    (images, documents); pages rank by their analysed terms, so their entries
    are left alone (every update of an entry rewrites its full-text row or
    vectors, through SQLite's trigger or PostgreSQL's row versions).

    """

    # Private to modelsearch, kept because no public hook serves: the index
    # calls it after adding any other model's objects and its rebuilders at
    # the end of a rebuild, each rewriting every page entry, and neither call
    # takes a model or a queryset (tests/search/test_backend_hooks.py checks
    # its signature).
    def _refresh_title_norms(self, full=False):
        entries = self.entries
        self.entries = entries.exclude(content_type_id__in=analysed_content_type_ids())
        try:
            super()._refresh_title_norms(full)
        finally:
            self.entries = entries


class AnalysedValues:
    """A page's indexed values, each computed once.

    Wagtail's indexers compute every search field again for each column they
    fill (title, body, autocomplete...), which would analyse a page's text
    several times over; these are the only values an analysed page needs.
    """

    def __init__(self, obj, search_fields):
        self.obj = obj
        self.search_fields = search_fields

    def _text(self, value):
        if isinstance(value, (list, tuple)):
            return " ".join(self._text(item) for item in value)
        return "" if value is None else str(value)

    def _field(self, name):
        for search_field in self.search_fields:
            if isinstance(search_field, SearchField) and search_field.field_name == name:
                return self._text(search_field.get_value(self.obj))
        return ""

    @property
    def title_terms(self):
        return self._field("search_title_terms")

    @property
    def terms(self):
        return self._field("search_terms")

    @property
    def autocomplete(self):
        return " ".join(
            self._text(search_field.get_value(self.obj))
            for search_field in self.search_fields
            if isinstance(search_field, AutocompleteField)
        )


def _plain_texts(query):
    if isinstance(query, PlainText):
        return [query.query_string]
    if isinstance(query, (And, Or)):
        return [text for subquery in query.subqueries for text in _plain_texts(subquery)]
    return []


class AnalysedBackendMixin:
    """Turns plain query strings into analysed queries before Wagtail sees them."""

    def _analysed(self, query):
        # The admin parses its search box into PlainText (or And/Or of them):
        # analyse their words too.
        if isinstance(query, (PlainText, And, Or)) and not isinstance(query, AnalysedSearchQuery):
            query = " ".join(_plain_texts(query))
        if isinstance(query, str):
            analysed = analyse_query(query)
            return AnalysedSearchQuery(analysed) if analysed else None
        if isinstance(query, AnalysedSearchQuery) and not query.analysed:
            return None
        return query

    def search(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        query = self._analysed(query)
        if query is None:
            return EmptySearchResults()
        return super().search(query, model_or_queryset, fields, operator, order_by_relevance)

    def autocomplete(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        """Pages (the admin's page search, listing and chooser): every word a
        prefix, quoted phrases and negation (:mod:`.autocomplete`); other
        models: their search."""
        queryset = (
            model_or_queryset if isinstance(model_or_queryset, QuerySet) else model_or_queryset._default_manager.all()
        )
        if not issubclass(queryset.model, Page) or isinstance(query, AnalysedSearchQuery):
            return self.search(query, model_or_queryset, fields, operator, order_by_relevance)
        typed = typed_query(query)
        if not typed:
            return EmptySearchResults()
        pks = matching_pks(self, typed, queryset)
        if not pks:
            return EmptySearchResults()
        return self.search(
            AnalysedSearchQuery(analysed_prefixes(typed_words(typed))),
            queryset.filter(pk__in=pks),
            fields,
            operator,
            order_by_relevance,
        )
