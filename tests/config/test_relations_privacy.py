"""Related pages follow the visibility rule and the page's language, in the API v2 and on the HTML pages.

Each relation (organisers, memberships and members, project organisations,
jubilees' organisations, protocols' parties and joint activities) is given a
visible organisation and four hidden ones: a draft, a login-restricted one, one
past its expiry date (still live, as nothing ran ``publish_scheduled``) and one
of another site. A hidden one's title (a unique word) and id never appear.
"""

import datetime
import json
from http import HTTPStatus

import pytest
from django.utils import timezone
from wagtail.models import Page, Site

from cooperation.models import CooperationIndexPage, CooperationParty, CooperationProtocolPage, JointActivity
from organisations.models import OrganisationMembership, OrganisationPage
from tests import factories
from tests.helpers import restrict_to_logged_in_users

pytestmark = pytest.mark.django_db

HIDDEN_WORDS = ("Quillwort", "Marrowfat", "Sassafrax", "Zinnober")


@pytest.fixture
def other_site_organisations(db):
    root = Page.get_first_root_node()
    other_home = factories.HomePageFactory(parent=root, title="Other network", slug="other-network")
    Site.objects.create(hostname="other.example", root_page=other_home, is_default_site=False)
    return factories.OrganisationIndexPageFactory(parent=other_home, slug="other-organisations")


@pytest.fixture
def organisations(sections, other_site_organisations):
    """``visible`` and the ``hidden`` organisations, each hidden one named by a word of HIDDEN_WORDS."""
    index = sections["organisations"]
    draft, restricted, expired, elsewhere = HIDDEN_WORDS
    hidden = [
        factories.OrganisationPageFactory(parent=index, title=f"{draft} Club", live=False),
        restrict_to_logged_in_users(factories.OrganisationPageFactory(parent=index, title=f"{restricted} Circle")),
        factories.OrganisationPageFactory(
            parent=index, title=f"{expired} Guild", expire_at=timezone.now() - datetime.timedelta(days=1)
        ),
        factories.OrganisationPageFactory(parent=other_site_organisations, title=f"{elsewhere} Society"),
    ]
    visible = factories.OrganisationPageFactory(parent=index, title="Pushkin Fund", kind="federation")
    return {"visible": visible, "hidden": hidden}


def assert_nothing_hidden(content, hidden_pages):
    for word in HIDDEN_WORDS:
        assert word not in content
    data = json.loads(content) if content.lstrip().startswith("{") else None
    if data is not None:
        ids = set(referenced_ids(data))
        assert not ids & {page.pk for page in hidden_pages}


def referenced_ids(data):
    if isinstance(data, dict):
        if isinstance(data.get("id"), int):
            yield data["id"]
        for value in data.values():
            yield from referenced_ids(value)
    elif isinstance(data, list):
        for value in data:
            yield from referenced_ids(value)


def api(client, url, **query):
    response = client.get(url, query)
    assert response.status_code == HTTPStatus.OK, response.content
    return response


def html(client, page):
    response = client.get(page.url)
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_event_organisers(client, sections, organisations):
    event = factories.EventPageFactory(parent=sections["events"], title="Concert")
    for organisation in [*organisations["hidden"], organisations["visible"]]:
        factories.EventOrganiserFactory(event=event, organisation=organisation)

    detail = api(client, f"/api/v2/pages/{event.pk}/")
    listing = api(client, "/api/v2/pages/", type="events.EventPage", fields="*")

    for response in (detail, listing):
        assert_nothing_hidden(response.content.decode(), organisations["hidden"])
    assert [page["title"] for page in detail.json()["organisers"]] == ["Pushkin Fund"]
    assert [page["id"] for page in listing.json()["items"][0]["organisers"]] == [organisations["visible"].pk]
    content = html(client, event)
    assert "Pushkin Fund" in content
    assert_nothing_hidden(content, organisations["hidden"])


def test_memberships_and_members(client, sections, organisations):
    member = factories.OrganisationPageFactory(parent=sections["organisations"], title="Choir")
    for organisation in [*organisations["hidden"], organisations["visible"]]:
        OrganisationMembership.objects.create(member=member, organisation=organisation)
    for organisation in organisations["hidden"]:
        OrganisationMembership.objects.create(member=organisation, organisation=organisations["visible"])

    detail = api(client, f"/api/v2/pages/{member.pk}/")
    listing = api(client, "/api/v2/pages/", type="organisations.OrganisationPage", fields="*")

    for response in (detail, listing):
        assert_nothing_hidden(response.content.decode(), organisations["hidden"])
    assert [page["title"] for page in detail.json()["memberships"]] == ["Pushkin Fund"]
    choir = next(item for item in listing.json()["items"] if item["title"] == "Choir")
    assert [page["title"] for page in choir["memberships"]] == ["Pushkin Fund"]
    for page in (member, organisations["visible"]):
        assert_nothing_hidden(html(client, page), organisations["hidden"])
    assert "Choir" in html(client, organisations["visible"])


def test_pages_an_organisation_takes_part_in(client, sections, organisations):
    """An organisation's page lists its events, projects and jubilees: hidden ones are left out."""
    fund = organisations["visible"]
    draft, restricted, expired, _elsewhere = HIDDEN_WORDS
    factories.EventOrganiserFactory(
        event=factories.EventPageFactory(parent=sections["events"], title=f"{draft} Ball", live=False),
        organisation=fund,
    )
    project = restrict_to_logged_in_users(
        factories.HeritageProjectPageFactory(parent=sections["heritage"], title=f"{restricted} Graves")
    )
    factories.HeritageProjectOrganisationFactory(project=project, organisation=fund)
    factories.JubileePageFactory(
        parent=sections["jubilees"],
        organisation=fund,
        title=f"{expired} Jubilee",
        expire_at=timezone.now() - datetime.timedelta(days=1),
    )

    assert_nothing_hidden(html(client, fund), [])


def test_heritage_project_organisations(client, sections, organisations):
    project = factories.HeritageProjectPageFactory(parent=sections["heritage"], title="Graves")
    for organisation in [*organisations["hidden"], organisations["visible"]]:
        factories.HeritageProjectOrganisationFactory(project=project, organisation=organisation)

    detail = api(client, f"/api/v2/pages/{project.pk}/")
    listing = api(client, "/api/v2/pages/", type="heritage.HeritageProjectPage", fields="*")

    for response in (detail, listing):
        assert_nothing_hidden(response.content.decode(), organisations["hidden"])
    assert [page["title"] for page in detail.json()["project_organisations"]] == ["Pushkin Fund"]
    content = html(client, project)
    assert "Pushkin Fund" in content
    assert_nothing_hidden(content, organisations["hidden"])


@pytest.mark.parametrize("hidden_index", range(len(HIDDEN_WORDS)))
def test_jubilee_organisation(client, sections, organisations, hidden_index):
    hidden = organisations["hidden"][hidden_index]
    OrganisationPage.objects.filter(pk=hidden.pk).update(founded_year=1923)
    hidden.refresh_from_db()
    jubilee = factories.JubileePageFactory(parent=sections["jubilees"], organisation=hidden)
    shown = factories.JubileePageFactory(parent=sections["jubilees"], organisation=organisations["visible"])

    detail = api(client, f"/api/v2/pages/{jubilee.pk}/")
    listing = api(client, "/api/v2/pages/", type="jubilees.JubileePage", fields="*")

    for response in (detail, listing):
        assert_nothing_hidden(response.content.decode(), organisations["hidden"])
    assert detail.json()["organisation"] is None
    assert api(client, f"/api/v2/pages/{shown.pk}/").json()["organisation"]["title"] == "Pushkin Fund"
    content = html(client, jubilee)
    assert_nothing_hidden(content, organisations["hidden"])
    assert "1923" not in content
    assert "founded in 1990" in html(client, shown)


def test_cooperation_parties_and_activities(client, home_page, sections, organisations):
    index = home_page.add_child(instance=CooperationIndexPage(title="Cooperation", slug="cooperation"))
    protocol = CooperationProtocolPage(title="Protocol 2016", slug="protocol-2016", year=2016)
    hidden_event = factories.EventPageFactory(parent=sections["events"], title="Secret Concert", live=False)
    concert = factories.EventPageFactory(parent=sections["events"], title="Joint concert")
    protocol.activities = [
        JointActivity(title="Unlinked activity", carried_out=True, linked_page=hidden_event),
        JointActivity(title="Concert together", carried_out=True, linked_page=concert),
    ]
    index.add_child(instance=protocol)
    for organisation in [*organisations["hidden"], organisations["visible"]]:
        CooperationParty.objects.create(protocol=protocol, organisation=organisation)
    hidden_pages = [*organisations["hidden"], hidden_event]

    detail = api(client, f"/api/v2/pages/{protocol.pk}/").json()
    listing = api(client, "/api/v2/pages/", type="cooperation.CooperationProtocolPage", fields="*")

    assert [page["title"] for page in detail["parties"]] == ["Pushkin Fund"]
    assert [(row["title"], row["linked_page"] and row["linked_page"]["id"]) for row in detail["activities"]] == [
        ("Unlinked activity", None),
        ("Concert together", concert.pk),
    ]
    assert_nothing_hidden(json.dumps(detail), hidden_pages)
    assert_nothing_hidden(listing.content.decode(), hidden_pages)
    content = html(client, protocol)
    assert_nothing_hidden(content, organisations["hidden"])
    assert hidden_event.url not in content
    assert [protocol.party_count for protocol in client.get(index.url).context["protocols"]] == [1]


def test_alias_of_a_hidden_page_is_not_shown(client, sections):
    private = factories.StandardPageFactory(parent=sections["events"], title="Quillwort notes")
    alias = private.create_alias(parent=sections["events"].get_parent(), update_slug="notes-alias")
    restrict_to_logged_in_users(private)

    data = api(client, f"/api/v2/pages/{alias.pk}/").json()

    assert data["meta"]["alias_of"] is None
