"""The OpenAPI 3.1 description of the public JSON APIs, served at ``/api/openapi.json``.

Written by hand, beside the code it describes: Wagtail's API v2 viewsets are
not DRF views a schema generator understands, and the search API is plain
Django. ``tests/config/test_openapi.py`` keeps it true: the document is valid
OpenAPI, and every path it lists answers each documented status with a body
that matches the documented schema. The page types and their own fields come
from the models at run time, so a new page type is listed without an edit here.
"""

from django.http import JsonResponse
from django.views.decorators.http import require_GET
from wagtail.models import get_page_models

from core.languages import language_codes
from core.models import BasePage
from core.registry import content_types

ERROR = {"$ref": "#/components/schemas/Error"}


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _query(name, description, schema=None, required=False):
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": description,
        "schema": schema or {"type": "string"},
    }


def _path_id(description):
    return {"name": "id", "in": "path", "required": True, "description": description, "schema": {"type": "integer"}}


LISTING_PARAMETERS = [
    _query("offset", "Items to skip.", {"type": "integer", "minimum": 0}),
    _query("limit", "Items to return (at most 20 by default).", {"type": "integer", "minimum": 0}),
    _query("fields", "Fields to add (`body,image`), remove (`-title`), or `*` for all."),
    _query("order", "A field to order by (`-title` for descending), or `random`."),
    _query("search", "Words to search for."),
]


def page_parameters(languages):
    return [
        _query("type", "A page type, e.g. `events.EventPage`: its own fields may then be asked for and filtered on."),
        _query("locale", "A language code: pages in that language only.", {"type": "string", "enum": languages}),
        _query("child_of", "Pages under this page id.", {"type": "integer"}),
        _query("descendant_of", "Pages anywhere below this page id.", {"type": "integer"}),
        _query("translation_of", "The translations of this page id.", {"type": "integer"}),
        _query("site", "Pages of the site with this host name (`host` or `host:port`); the request's own by default."),
        _query("rich_text_format", "`html` for rich text as HTML; stored form by default.", {"enum": ["html"]}),
    ]


def _meta_schema(extra=None):
    return {
        "type": "object",
        "required": ["type", "detail_url"],
        "properties": {
            "type": {"type": "string"},
            "detail_url": {"type": "string", "format": "uri"},
            **(extra or {}),
        },
    }


def components(page_types, languages):
    return {
        "schemas": {
            "Error": {
                "type": "object",
                "required": ["message"],
                "properties": {"message": {"type": "string"}},
            },
            "PageReference": {
                "description": "A related page, in the API page's language when a visible translation exists.",
                "type": "object",
                "required": ["id", "title", "meta"],
                "properties": {
                    "id": {"type": "integer"},
                    "title": {"type": "string"},
                    "meta": _meta_schema(
                        {"html_url": {"type": ["string", "null"]}, "locale": {"type": "string", "enum": languages}}
                    ),
                },
            },
            "Rendition": {
                "type": "object",
                "required": ["url", "width", "height"],
                "properties": {
                    "url": {"type": "string"},
                    "width": {"type": "integer"},
                    "height": {"type": "integer"},
                },
            },
            "MainImage": {
                "type": ["object", "null"],
                "required": ["id", "title", "alt", "width", "height", "renditions"],
                "properties": {
                    "id": {"type": "integer"},
                    "title": {"type": "string"},
                    "alt": {"type": "string"},
                    "width": {"type": "integer"},
                    "height": {"type": "integer"},
                    "renditions": {
                        "type": "object",
                        "required": ["thumbnail", "medium", "large"],
                        "additionalProperties": _ref("Rendition"),
                    },
                },
            },
            "Block": {
                "description": (
                    "One block of a body: its type, its value (shaped by the type) and its id. Rich text links"
                    " a page by its translation in the served page's locale, never a page visitors may not see."
                ),
                "type": "object",
                "required": ["type", "value", "id"],
                "properties": {"type": {"type": "string"}, "value": {}, "id": {"type": "string"}},
            },
            "PageListingItem": {
                "type": "object",
                "required": ["id", "meta"],
                "properties": {
                    "id": {"type": "integer"},
                    "title": {"type": "string"},
                    "meta": _meta_schema(
                        {
                            "type": {"type": "string", "enum": page_types},
                            "html_url": {"type": ["string", "null"]},
                            "slug": {"type": "string"},
                            "first_published_at": {"type": ["string", "null"], "format": "date-time"},
                            "locale": {"type": "string", "enum": languages},
                        }
                    ),
                    "summary": {"type": "string"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "body": {"type": "array", "items": _ref("Block")},
                    "image": _ref("MainImage"),
                },
            },
            "PageDetail": {
                "description": (
                    "A page with every field of its type: the common ones below, plus its type's own"
                    " (an event's `start`, `end`, `organisers`...; see `meta.type`)."
                ),
                "allOf": [
                    _ref("PageListingItem"),
                    {"required": ["id", "title", "meta"]},
                ],
            },
            "PageListing": {
                "type": "object",
                "required": ["meta", "items"],
                "properties": {
                    "meta": {
                        "type": "object",
                        "required": ["total_count"],
                        "properties": {"total_count": {"type": "integer", "minimum": 0}},
                    },
                    "items": {"type": "array", "items": _ref("PageListingItem")},
                },
            },
            "MediaListing": {
                "type": "object",
                "required": ["meta", "items"],
                "properties": {
                    "meta": {"type": "object", "required": ["total_count"]},
                    "items": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["id", "meta"],
                            "properties": {"id": {"type": "integer"}, "title": {"type": "string"}},
                        },
                    },
                },
            },
            "MediaDetail": {
                "type": "object",
                "required": ["id", "meta", "title"],
                "properties": {"id": {"type": "integer"}, "title": {"type": "string"}, "meta": _meta_schema()},
            },
            "SearchError": {
                "type": "object",
                "required": ["error"],
                "properties": {"error": {"type": "string"}},
            },
            "SearchResult": {
                "type": "object",
                "required": ["id", "title", "url", "locale", "type", "snippet"],
                "properties": {
                    "id": {"type": ["string", "null"]},
                    "title": {"type": "string"},
                    "url": {"type": "string"},
                    "locale": {"type": "string", "enum": languages},
                    "type": {"type": "string"},
                    "snippet": {"type": "string"},
                    "translations": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["locale", "title", "url"],
                            "properties": {
                                "locale": {"type": "string"},
                                "title": {"type": "string"},
                                "url": {"type": "string"},
                            },
                        },
                    },
                },
            },
            "SearchResponse": {
                "type": "object",
                "required": ["query", "count", "page", "page_size", "results", "facets", "did_you_mean"],
                "properties": {
                    "query": {"type": "string"},
                    "count": {"type": "integer", "minimum": 0},
                    "page": {"type": "integer", "minimum": 1},
                    "page_size": {"type": "integer", "minimum": 1, "maximum": 50},
                    "results": {"type": "array", "items": _ref("SearchResult")},
                    "facets": {
                        "type": "object",
                        "properties": {
                            "type": {"type": "object", "additionalProperties": {"type": "integer"}},
                            "locale": {"type": "object", "additionalProperties": {"type": "integer"}},
                        },
                    },
                    "did_you_mean": {"type": ["string", "null"]},
                },
            },
            "SuggestResponse": {
                "type": "object",
                "required": ["suggestions"],
                "properties": {
                    "suggestions": {
                        "type": "array",
                        "maxItems": 8,
                        "items": {
                            "type": "object",
                            "required": ["title", "url", "type", "locale"],
                            "properties": {
                                "title": {"type": "string"},
                                "url": {"type": "string"},
                                "type": {"type": "string"},
                                "locale": {"type": "string"},
                            },
                        },
                    }
                },
            },
        }
    }


def _operation(summary, parameters, responses, tag):
    return {"summary": summary, "tags": [tag], "parameters": parameters, "responses": responses}


def paths(languages):
    locale = _query("locale", "A language code.", {"type": "string", "enum": languages})
    bad_request = _json(ERROR, "A parameter the endpoint does not accept, with the reason.")
    not_found = _json(ERROR, "No such item a visitor may see.")
    return {
        "/api/v2/pages/": {
            "get": _operation(
                "Pages a visitor may see",
                LISTING_PARAMETERS + page_parameters(languages),
                {"200": _json(_ref("PageListing"), "The pages."), "400": bad_request},
                "pages",
            )
        },
        "/api/v2/pages/{id}/": {
            "get": _operation(
                "One page with all its fields",
                [_path_id("The page's id."), _query("fields", "Fields to add or remove.")],
                {"200": _json(_ref("PageDetail"), "The page."), "404": not_found, "400": bad_request},
                "pages",
            )
        },
        "/api/v2/pages/find/": {
            "get": _operation(
                "The page at a path on the site",
                [_query("html_path", "A page's path below the site's root, e.g. `/events/`.", required=True)],
                {"302": {"description": "To the page's detail URL."}, "404": not_found},
                "pages",
            )
        },
        "/api/v2/images/": {
            "get": _operation(
                "Images in collections open to visitors",
                LISTING_PARAMETERS,
                {"200": _json(_ref("MediaListing"), "The images."), "400": bad_request},
                "media",
            )
        },
        "/api/v2/images/{id}/": {
            "get": _operation(
                "One image",
                [_path_id("The image's id.")],
                {"200": _json(_ref("MediaDetail"), "The image."), "404": not_found},
                "media",
            )
        },
        "/api/v2/documents/": {
            "get": _operation(
                "Documents in collections open to visitors",
                LISTING_PARAMETERS,
                {"200": _json(_ref("MediaListing"), "The documents."), "400": bad_request},
                "media",
            )
        },
        "/api/v2/documents/{id}/": {
            "get": _operation(
                "One document",
                [_path_id("The document's id.")],
                {"200": _json(_ref("MediaDetail"), "The document."), "404": not_found},
                "media",
            )
        },
        "/api/search/": {
            "get": _operation(
                "Search the site (docs/search-api.md)",
                [
                    _query("q", "The query, 1 to 200 characters.", {"type": "string", "minLength": 1}, True),
                    locale,
                    _query(
                        "type",
                        "Kinds of content, may repeat.",
                        {"type": "string", "enum": [entry.name for entry in content_types().searchable()]},
                    ),
                    _query("page", "1-based page of results.", {"type": "integer", "minimum": 1}),
                    _query("page_size", "Results a page.", {"type": "integer", "minimum": 1, "maximum": 50}),
                    _query("group", "`translation`: each page once.", {"type": "string", "enum": ["translation"]}),
                ],
                {
                    "200": _json(_ref("SearchResponse"), "The results, best first."),
                    "400": _json(_ref("SearchError"), "What is wrong with the query."),
                    "429": {"description": "Too many requests from one address: see `Retry-After`."},
                },
                "search",
            )
        },
        "/api/search/suggest/": {
            "get": _operation(
                "Titles for an as-you-type box",
                [
                    _query("q", "A prefix, 1 to 100 characters.", {"type": "string", "minLength": 1}, True),
                    locale,
                ],
                {
                    "200": _json(_ref("SuggestResponse"), "At most eight titles."),
                    "400": _json(_ref("SearchError"), "What is wrong with the prefix."),
                },
                "search",
            )
        },
    }


def content_page_types():
    return sorted(
        f"{model._meta.app_label}.{model.__name__}" for model in get_page_models() if issubclass(model, BasePage)
    )


def openapi_document(languages):
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Compatriots public APIs",
            "version": "2",
            "description": (
                "Read-only JSON: the pages, images and documents a visitor may see (Wagtail API v2), and search."
                " Nothing a visitor may not see (drafts, private or expired pages, other sites) is ever listed."
            ),
        },
        "paths": paths(languages),
        "components": components(content_page_types(), languages),
    }


@require_GET
def openapi_json(request):
    languages = language_codes()
    document = openapi_document(languages)
    document["servers"] = [{"url": request.build_absolute_uri("/").rstrip("/")}]
    return JsonResponse(document, json_dumps_params={"ensure_ascii": False})
