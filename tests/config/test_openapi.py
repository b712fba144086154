"""The OpenAPI description of the public APIs is valid, and every path it lists answers as described."""

import re
from http import HTTPStatus

import jsonschema
import pytest
import wagtail_factories
from openapi_spec_validator import validate

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/json"
    return response.json()


@pytest.fixture
def content(sections):
    """One of each thing the paths name: a page with every content field, an image, a document."""
    image = factories.ImageFactory(file__width=800, file__height=600)
    event = factories.EventPageFactory(
        parent=sections["events"],
        title="Pushkin evening",
        image=image,
        image_alt="A stage",
        body=[{"type": "paragraph", "value": "<p>Poems</p>"}],
    )
    document = wagtail_factories.DocumentFactory()
    return {"page": event, "image": image, "document": document}


def check(document, path, response):
    """``response`` has a status the path documents, and a body matching that status's schema."""
    responses = document["paths"][path]["get"]["responses"]
    status = str(response.status_code)
    assert status in responses, f"{path} answered {status}, which it does not document"
    content = responses[status].get("content")
    if content:
        schema = {**content["application/json"]["schema"], "components": document["components"]}
        jsonschema.validate(response.json(), schema, cls=jsonschema.Draft202012Validator)


def request_path(path, content):
    ids = {"pages": content["page"].pk, "images": content["image"].pk, "documents": content["document"].pk}
    return re.sub(r"/api/v2/(\w+)/\{id\}/", lambda match: f"/api/v2/{match[1]}/{ids[match[1]]}/", path)


#: A request each path answers well, and one it must refuse, as documented.
GOOD_QUERIES = {
    "/api/v2/pages/": {"fields": "*", "type": "events.EventPage"},
    "/api/v2/pages/find/": {"html_path": "/events/"},
    "/api/search/": {"q": "pushkin"},
    "/api/search/suggest/": {"q": "push"},
}
BAD_QUERIES = {
    "/api/v2/pages/": {"limit": "-1"},
    "/api/v2/pages/{id}/": {"fields": "no_such_field"},
    "/api/v2/images/": {"offset": "x"},
    "/api/v2/documents/": {"order": "no_such_field"},
    "/api/search/": {"q": ""},
    "/api/search/suggest/": {"q": ""},
}


def test_the_document_is_valid_openapi(document):
    validate(document)
    assert document["openapi"].startswith("3.1")
    assert (
        "events.EventPage"
        in document["components"]["schemas"]["PageListingItem"]["properties"]["meta"]["properties"]["type"]["enum"]
    )


def test_every_documented_path_answers_as_described(client, document, content):
    assert set(document["paths"]) >= {"/api/v2/pages/", "/api/v2/pages/{id}/", "/api/search/"}
    for path in document["paths"]:
        response = client.get(request_path(path, content), GOOD_QUERIES.get(path, {}))
        check(document, path, response)
        assert response.status_code < HTTPStatus.BAD_REQUEST, (path, response.content)


def test_every_documented_refusal_answers_as_described(client, document, content):
    for path, query in BAD_QUERIES.items():
        response = client.get(request_path(path, content), query)
        assert response.status_code == HTTPStatus.BAD_REQUEST, (path, response.content)
        check(document, path, response)


def test_unknown_ids_are_documented_404s(client, document, content):
    for path in ("/api/v2/pages/{id}/", "/api/v2/images/{id}/", "/api/v2/documents/{id}/"):
        response = client.get(path.replace("{id}", "999999"))
        assert response.status_code == HTTPStatus.NOT_FOUND
        check(document, path, response)


def test_a_hidden_page_is_a_documented_404(client, document, content):
    content["page"].unpublish()

    response = client.get(request_path("/api/v2/pages/{id}/", content))

    assert response.status_code == HTTPStatus.NOT_FOUND
    check(document, "/api/v2/pages/{id}/", response)
