"""A small site in every language, with hidden pages linked from public ones.

The privacy walk, the parameter fuzz and the page-type tour build it, so that
every surface shows public pages beside hidden ones it must not reveal.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from taggit.models import Tag
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from cooperation.models import CooperationIndexPage, CooperationParty, CooperationProtocolPage, JointActivity
from jubilees.models import JubileeEvent
from listings.models import CollectionPage
from localisation.translation import translate_page, translation_source_for
from tests import factories

LANGUAGES = ("nl", "fr", "ru")
PAST = datetime.timedelta(days=1)


@dataclass
class WalkSite:
    """What :func:`build_walk_site` made: the public pages, and the hidden ones with their secret words."""

    public: dict
    hidden: dict  # name -> list of the page and its translations
    words: dict  # name -> (first word, second word), in the title, slug, summary, body and external id
    shared_tag: str

    def hidden_pages(self):
        return [page for pages in self.hidden.values() for page in pages]

    def all_words(self):
        return [word for pair in self.words.values() for word in pair]


def secret_fields(first, second):
    """Fields carrying a hidden page's two words everywhere a surface could show them."""
    return {
        "title": f"{first.title()} {second.title()}",
        "slug": f"{first}-{second}",
        "summary": f"Summary of {first} and {second}.",
        "body": [("paragraph", RichText(f"<p>The {first} {second} paragraph.</p>"))],
        "external_id": first,
        "search_description": f"{first} {second}",
    }


def page_link(page, text="more"):
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


def translate_everywhere(page, publish=True, languages=LANGUAGES):
    """``page`` and its translations in ``languages`` (made through wagtail-localize)."""
    source = translation_source_for(page)
    pages = [page]
    for language in languages:
        values = {"title": f"{page.title} {language}", "slug": f"{page.slug}-{language}"}
        pages.append(translate_page(page, language, values, publish=publish, translation_source=source))
    return pages


#: Each hidden page's two secret words, in its title, slug, summary, body and external id.
HIDDEN_WORDS = {
    "draft_org": ("quibbledraft", "orgzanthe"),
    "login_org": ("vornlogin", "orgplinth"),
    "expired_org": ("glimexpired", "orgtharn"),
    "password_event": ("brackpassword", "eventmoor"),
    "expired_event": ("snoodexpired", "eventvale"),
    "expired_project": ("frumpexpired", "projectkell"),
    "unpublished_jubilee": ("wazzunpub", "jubileedrom"),
    "private_section": ("plonkprivate", "sectionyarr"),
    "private_child": ("zingchild", "privatequost"),
    "draft_collection": ("crumdraft", "collectionwix"),
}
#: The tag public and hidden pages share.
SHARED_TAG = "samovarshared"


def build_walk_site(home_page, sections, languages=LANGUAGES):
    """A small site in English and ``languages``, with hidden pages of every kind linked every way.

    Hidden: a never-published organisation, a login-restricted organisation, an
    expired organisation (live, ``expire_at`` past, as before
    ``publish_scheduled`` runs), a password-restricted event, an expired event,
    an expired heritage project, an unpublished jubilee, a login-restricted
    section and its child, and a never-published collection. Each hidden
    page's translations are hidden the same way.
    """
    public = dict(sections)
    public["cooperation"] = home_page.add_child(instance=CooperationIndexPage(title="Cooperation", slug="cooperation"))
    public["federation"] = factories.OrganisationPageFactory(
        parent=sections["organisations"], title="Public Federation", kind="federation", city="Antwerp"
    )
    public["organisation"] = factories.OrganisationPageFactory(parent=sections["organisations"], title="Public Choir")
    hidden = hidden_pages_of_every_kind(home_page, sections, public["organisation"])
    # Public pages pointing at hidden ones in every way the content model allows.
    link_organisations_events_and_projects(sections, public, hidden)
    link_cooperation(public, hidden)
    link_text_tags_and_collections(home_page, public, hidden)
    hidden_pages = translate_and_hide(home_page, public, hidden, languages)
    return WalkSite(public=public, hidden=hidden_pages, words=HIDDEN_WORDS, shared_tag=SHARED_TAG)


def hidden_pages_of_every_kind(home_page, sections, organisation):
    """The hidden pages in English, by name (each hidden once translated, see :func:`translate_and_hide`)."""
    orgs, events, projects = sections["organisations"], sections["events"], sections["heritage"]

    def hidden_org(name, **extra):
        first, second = HIDDEN_WORDS[name]
        return factories.OrganisationPageFactory(
            parent=orgs, city=second.title(), **secret_fields(first, second), **extra
        )

    hidden = {
        "draft_org": hidden_org("draft_org", live=False),
        "login_org": hidden_org("login_org"),
        "expired_org": hidden_org("expired_org"),
        "password_event": factories.EventPageFactory(
            parent=events,
            city=HIDDEN_WORDS["password_event"][1].title(),
            **secret_fields(*HIDDEN_WORDS["password_event"]),
        ),
        "expired_event": factories.EventPageFactory(
            parent=events,
            city=HIDDEN_WORDS["expired_event"][1].title(),
            **secret_fields(*HIDDEN_WORDS["expired_event"]),
        ),
        "expired_project": factories.HeritageProjectPageFactory(
            parent=projects,
            place=HIDDEN_WORDS["expired_project"][1],
            **secret_fields(*HIDDEN_WORDS["expired_project"]),
        ),
        "private_section": factories.StandardPageFactory(
            parent=home_page, show_in_menus=True, **secret_fields(*HIDDEN_WORDS["private_section"])
        ),
    }
    hidden["private_child"] = factories.StandardPageFactory(
        parent=hidden["private_section"], show_in_menus=True, **secret_fields(*HIDDEN_WORDS["private_child"])
    )
    hidden["unpublished_jubilee"] = factories.JubileePageFactory(
        parent=sections["jubilees"],
        organisation=organisation,
        date=timezone.now().date() + datetime.timedelta(days=30),
        **secret_fields(*HIDDEN_WORDS["unpublished_jubilee"]),
    )
    draft_collection = CollectionPage(
        live=False, show_in_menus=True, **secret_fields(*HIDDEN_WORDS["draft_collection"])
    )
    hidden["draft_collection"] = home_page.add_child(instance=draft_collection)
    return hidden


def link_organisations_events_and_projects(sections, public, hidden):
    """Memberships, organisers, project partners and jubilees between public and hidden pages."""
    hidden_orgs = (hidden["draft_org"], hidden["login_org"], hidden["expired_org"])
    factories.OrganisationMembershipFactory(member=public["organisation"], organisation=public["federation"])
    factories.OrganisationMembershipFactory(member=public["organisation"], organisation=hidden["draft_org"])
    factories.OrganisationMembershipFactory(member=public["organisation"], organisation=hidden["login_org"])
    for name in ("login_org", "expired_org", "draft_org"):
        factories.OrganisationMembershipFactory(member=hidden[name], organisation=public["federation"])
    public["event"] = factories.EventPageFactory(parent=sections["events"], title="Public Concert", city="Liège")
    for organisation in (public["organisation"], *hidden_orgs):
        factories.EventOrganiserFactory(event=public["event"], organisation=organisation)
    for name in ("password_event", "expired_event"):
        factories.EventOrganiserFactory(event=hidden[name], organisation=public["organisation"])
    public["project"] = factories.HeritageProjectPageFactory(parent=sections["heritage"], title="Public Restoration")
    for organisation in (public["organisation"], *hidden_orgs):
        factories.HeritageProjectOrganisationFactory(project=public["project"], organisation=organisation)
    factories.HeritageProjectOrganisationFactory(project=hidden["expired_project"], organisation=public["organisation"])
    public["jubilee"] = factories.JubileePageFactory(
        parent=sections["jubilees"], title="Public Jubilee", organisation=hidden["draft_org"]
    )
    public["jubilee_of_login_org"] = factories.JubileePageFactory(
        parent=sections["jubilees"], title="Second Jubilee", organisation=hidden["login_org"]
    )
    for event in (public["event"], hidden["password_event"], hidden["expired_event"]):
        JubileeEvent.objects.create(jubilee=public["jubilee"], event=event)


def link_cooperation(public, hidden):
    """A public protocol whose parties and activities include hidden pages."""
    protocol = CooperationProtocolPage(title="Protocol 2024", slug="protocol-2024", year=2024)
    public["protocol"] = public["cooperation"].add_child(instance=protocol)
    for organisation in (public["organisation"], hidden["draft_org"], hidden["login_org"], hidden["expired_org"]):
        CooperationParty.objects.create(protocol=protocol, organisation=organisation)
    for number, linked in enumerate(
        (public["event"], hidden["password_event"], hidden["expired_event"], hidden["expired_project"])
    ):
        JointActivity.objects.create(
            protocol=protocol, locale=protocol.locale, title=f"Activity {number}", linked_page=linked, carried_out=True
        )


def link_text_tags_and_collections(home_page, public, hidden):
    """Links in rich text, a tag shared with hidden pages, and collections that would gather them."""
    links = " ".join(page_link(hidden[name]) for name in ("private_child", "password_event", "draft_collection"))
    public["about"] = factories.StandardPageFactory(
        parent=home_page,
        title="About us",
        show_in_menus=True,
        body=[("paragraph", RichText(f"<p>Read {links}.</p>"))],
    )
    for page in (public["about"], public["event"], hidden["password_event"], hidden["expired_project"]):
        page.tags.add(SHARED_TAG)
        page.save()
    hidden["private_child"].tags.add(SHARED_TAG)
    hidden["private_child"].save()
    public["collection"] = home_page.add_child(instance=CollectionPage(title="Everything", slug="everything"))
    public["collection"].filter_tags.set([Tag.objects.get(name=SHARED_TAG)])
    public["collection"].save()
    public["by_organisation"] = home_page.add_child(instance=CollectionPage(title="By organisers", slug="by-org"))
    public["by_organisation"].organisations.set([hidden["draft_org"], hidden["login_org"], hidden["expired_org"]])
    public["by_organisation"].save()


def translate_and_hide(home_page, public, hidden, languages):
    """Every page in every language, then each hidden one hidden the same way in each: ``{name: pages}``."""
    for page in [home_page, *sorted({*public.values()}, key=lambda page: page.path)]:
        translate_everywhere(page, languages=languages)
    hidden_pages = {}
    for name in sorted(hidden, key=lambda name: hidden[name].path):
        hidden_pages[name] = translate_everywhere(
            hidden[name], publish=name not in ("draft_org", "draft_collection"), languages=languages
        )
    for name in ("login_org", "private_section"):
        for page in hidden_pages[name]:
            PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    for page in hidden_pages["password_event"]:
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")
    expired = timezone.now() - PAST
    for name in ("expired_org", "expired_event", "expired_project"):
        type(hidden[name]).objects.filter(pk__in=[page.pk for page in hidden_pages[name]]).update(expire_at=expired)
    for page in hidden_pages["unpublished_jubilee"]:
        page.refresh_from_db()
        page.unpublish()
    for pages in hidden_pages.values():
        for page in pages:
            page.refresh_from_db()
    return hidden_pages
