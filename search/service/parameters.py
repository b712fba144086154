"""A search's parameters, validated: the query, language, types and page asked for."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.registry import content_types
from search.analysis import site_languages


def search_types():
    """The API's type names: the registry's searchable types (:mod:`core.registry`)."""
    return [entry.name for entry in content_types().searchable()]


def typed_models():
    """``{type name: page model}`` of the types that name only their own model's pages."""
    return {entry.name: entry.model for entry in content_types().searchable() if not entry.covers_other_pages}


def other_type():
    """The type name of every page whose model is none of :func:`typed_models`'."""
    return content_types().other_pages_entry().name


MAX_QUERY_LENGTH = 200
MAX_SUGGEST_LENGTH = 100
DEFAULT_PAGE_SIZE = 10
MAX_PAGE_SIZE = 50
MAX_PAGE_NUMBER = 10_000
#: Digits a whole-number parameter may have (any maximum has fewer).
MAX_DIGITS = 18


class SearchError(ValueError):
    """Bad search parameters: the message says what is wrong (answered with 400)."""


#: The value of ``group`` that shows one result per page (docs/search-api.md).
GROUP_BY_TRANSLATION = "translation"


@dataclass
class SearchParams:
    q: str
    locale: str | None = None
    types: list = field(default_factory=list)
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    #: One result per page, its translations grouped (:mod:`~search.service.grouping`).
    group: bool = False
    #: The visitor's language: the version a group shows, and first among
    #: equal matches (``None``: the ``locale`` asked for, else the source).
    language: str | None = None


def _positive_int(value, name, default, maximum=None):
    if value is None or value == "":
        return default
    value = value.strip()
    significant = value.lstrip("0")
    if not value.isascii() or not value.isdigit() or not significant:
        raise SearchError(_("“%(name)s” must be a positive whole number.") % {"name": name})
    # The length first: int() refuses strings of thousands of digits.
    number = int(significant) if len(significant) <= MAX_DIGITS else None
    if number is None or (maximum is not None and number > maximum):
        raise SearchError(_("“%(name)s” must be at most %(maximum)s.") % {"name": name, "maximum": maximum})
    return number


def clean_query(value, maximum):
    """The trimmed query, or a :class:`SearchError` saying why it cannot be searched."""
    query = (value or "").replace("\x00", "").strip()
    if not query:
        raise SearchError(_("Give a search query “q”."))
    if len(query) > maximum:
        raise SearchError(_("The query “q” is too long: at most %(maximum)s characters.") % {"maximum": maximum})
    return query


def clean_locale(value):
    if value is None or value == "":
        return None
    if value not in site_languages():
        raise SearchError(
            _("Unknown locale “%(locale)s”: use one of %(locales)s.")
            % {"locale": value[:20], "locales": ", ".join(site_languages())}
        )
    return value


def clean_group(value):
    """Whether ``group`` asks for one result per page (``translation``); none by default."""
    if value is None or value == "":
        return False
    if value != GROUP_BY_TRANSLATION:
        raise SearchError(
            _("Unknown grouping “%(group)s”: use “%(translation)s”.")
            % {"group": value[:30], "translation": GROUP_BY_TRANSLATION}
        )
    return True


def parse_search_params(data, page_size_default=DEFAULT_PAGE_SIZE):
    """Validate a ``QueryDict`` of search parameters (``q``, ``locale``, ``type``,
    ``page``, ``page_size``, ``group``)."""
    types = [value for value in data.getlist("type") if value != ""]
    known = search_types()
    unknown = [value for value in types if value not in known]
    if unknown:
        raise SearchError(
            _("Unknown type “%(type)s”: use one of %(types)s.") % {"type": unknown[0][:30], "types": ", ".join(known)}
        )
    return SearchParams(
        q=clean_query(data.get("q"), MAX_QUERY_LENGTH),
        locale=clean_locale(data.get("locale")),
        types=list(dict.fromkeys(types)),
        page=_positive_int(data.get("page"), "page", 1, maximum=MAX_PAGE_NUMBER),
        page_size=_positive_int(data.get("page_size"), "page_size", page_size_default, maximum=MAX_PAGE_SIZE),
        group=clean_group(data.get("group")),
    )
