"""API v2 page details carry the content: body, main image with renditions, tags, each type's fields."""

from http import HTTPStatus

import pytest
from wagtail.models import Collection, CollectionViewRestriction

from tests import factories

pytestmark = pytest.mark.django_db

BODY = [
    {"type": "heading", "value": {"text": "Programme", "level": "h2"}},
    {"type": "paragraph", "value": '<p>Romances by <a href="https://example.org/">Glinka</a>.</p>'},
]


@pytest.fixture
def concert(sections):
    image = factories.ImageFactory(file__width=1200, file__height=800, title="Hall")
    event = factories.EventPageFactory(
        parent=sections["events"],
        title="Romances evening",
        summary="Songs of the nineteenth century.",
        image=image,
        image_alt="Singers on a stage",
        body=BODY,
    )
    event.tags.add("music", "concert")
    event.save_revision().publish()
    organisation = factories.OrganisationPageFactory(parent=sections["organisations"], title="Pushkin Club")
    factories.EventOrganiserFactory(event=event, organisation=organisation)
    return event


def detail(client, page, **query):
    response = client.get(f"/api/v2/pages/{page.pk}/", query)
    assert response.status_code == HTTPStatus.OK, response.content
    return response.json()


def test_an_events_detail_carries_its_body_image_tags_and_own_fields(client, concert):
    data = detail(client, concert)

    assert data["summary"] == "Songs of the nineteenth century."
    assert sorted(data["tags"]) == ["concert", "music"]
    assert [block["type"] for block in data["body"]] == ["heading", "paragraph"]
    assert data["body"][0]["value"] == {"text": "Programme", "level": "h2"}
    assert all(block["id"] for block in data["body"])
    image = data["image"]
    assert image["alt"] == "Singers on a stage" and image["width"] == 1200
    assert set(image["renditions"]) == {"thumbnail", "medium", "large"}
    assert image["renditions"]["thumbnail"]["width"] == 400 and image["renditions"]["thumbnail"]["height"] == 300
    assert image["renditions"]["medium"]["url"].startswith("http://testserver/")
    # The type's own fields and relations.
    assert data["start"] and data["city"] == "Brussels"
    assert [organiser["title"] for organiser in data["organisers"]] == ["Pushkin Club"]


def test_rich_text_comes_as_html_when_asked(client, concert):
    data = detail(client, concert, rich_text_format="html")

    assert '<a href="https://example.org/">Glinka</a>' in data["body"][1]["value"]


def test_listings_give_content_fields_only_when_asked(client, concert):
    plain = client.get("/api/v2/pages/", {"type": "events.EventPage"}).json()["items"][0]
    asked = client.get("/api/v2/pages/", {"type": "events.EventPage", "fields": "body,image,tags"}).json()["items"][0]

    assert "body" not in plain and "image" not in plain
    assert asked["image"]["renditions"]["large"]["width"] <= 1600
    assert sorted(asked["tags"]) == ["concert", "music"]


def test_a_main_image_in_a_closed_collection_is_null(client, concert):
    closed = Collection.get_first_root_node().add_child(name="Members")
    CollectionViewRestriction.objects.create(collection=closed, restriction_type=CollectionViewRestriction.LOGIN)
    concert.image.collection = closed
    concert.image.save()

    assert detail(client, concert)["image"] is None


def test_a_page_without_an_image_has_null(client, sections):
    page = factories.StandardPageFactory(parent=sections["events"].get_parent(), title="About")

    data = detail(client, page)

    assert data["image"] is None and data["body"] == [] and data["tags"] == []


def test_relations_point_at_pages_of_the_same_locale(client, concert, translate):
    home = concert.get_parent().get_parent()
    translate(home, "nl", {"title": "Startpagina", "slug": "home"})
    translate(concert.get_parent(), "nl", {"title": "Agenda", "slug": "agenda"})
    organisation = concert.organisers.get().organisation
    translate(organisation.get_parent(), "nl", {"title": "Organisaties", "slug": "organisaties"})
    dutch_club = translate(organisation, "nl", {"title": "Poesjkinclub", "slug": "poesjkinclub"})
    dutch = translate(concert, "nl", {"title": "Romanceavond", "slug": "romanceavond"})

    organisers = detail(client, dutch)["organisers"]

    assert [(item["id"], item["meta"]["locale"]) for item in organisers] == [(dutch_club.pk, "nl")]


def test_nested_fields_on_a_relation_are_refused(client, concert):
    response = client.get(f"/api/v2/pages/{concert.pk}/", {"fields": "organisers(title)"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "does not support nested fields" in response.json()["message"]


@pytest.fixture
def linking_concert(concert, translate, sections):
    """The concert's body links a translated page, an untranslated one and a draft; the concert in Dutch."""
    home = concert.get_parent().get_parent()
    translate(home, "nl", {"title": "Startpagina", "slug": "home"})
    translate(concert.get_parent(), "nl", {"title": "Agenda", "slug": "agenda"})
    club = concert.organisers.get().organisation
    translate(club.get_parent(), "nl", {"title": "Organisaties", "slug": "organisaties"})
    dutch_club = translate(club, "nl", {"title": "Poesjkinclub", "slug": "poesjkinclub"})
    archive = factories.OrganisationPageFactory(parent=sections["organisations"], title="Archive")
    draft = factories.OrganisationPageFactory(parent=sections["organisations"], title="Plans", live=False)
    concert.body = [
        *BODY,
        {
            "type": "paragraph",
            "value": f'<p><a linktype="page" id="{club.pk}">club</a>, <a linktype="page" id="{archive.pk}">archive</a>'
            f' and <a linktype="page" id="{draft.pk}">plans</a>.</p>',
        },
    ]
    concert.save_revision().publish()
    dutch = translate(concert, "nl", {"title": "Romanceavond", "slug": "romanceavond"})
    return {"en": concert, "nl": dutch, "club": club, "dutch_club": dutch_club, "archive": archive}


def test_rich_text_page_links_point_at_the_page_in_the_served_pages_locale(client, linking_concert):
    dutch, dutch_club, archive = linking_concert["nl"], linking_concert["dutch_club"], linking_concert["archive"]

    stored = detail(client, dutch)["body"][2]["value"]
    html = detail(client, dutch, rich_text_format="html")["body"][2]["value"]

    assert f'<a linktype="page" id="{dutch_club.pk}">club</a>' in stored
    assert f'<a href="{dutch_club.url}">club</a>' in html and dutch_club.url.startswith("/nl/")
    # A page without a Dutch translation is linked as it is; a draft loses its address, keeping its text.
    assert f'<a linktype="page" id="{archive.pk}">archive</a>' in stored
    assert f'<a href="{archive.url}">archive</a>' in html
    assert "<a>plans</a>" in stored and "<a>plans</a>" in html
    # The English page keeps its own links.
    english = detail(client, linking_concert["en"])["body"][2]["value"]
    assert f'<a linktype="page" id="{linking_concert["club"].pk}">club</a>' in english


def test_a_listing_localizes_every_pages_links(client, linking_concert, django_assert_max_num_queries):
    dutch_club = linking_concert["dutch_club"]

    with django_assert_max_num_queries(30):
        items = client.get("/api/v2/pages/", {"type": "events.EventPage", "fields": "body", "locale": "nl"}).json()[
            "items"
        ]

    assert [item["id"] for item in items] == [linking_concert["nl"].pk]
    assert f'id="{dutch_club.pk}">club</a>' in items[0]["body"][2]["value"]
