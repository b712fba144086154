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


def build_walk_site(home_page, sections, languages=LANGUAGES):
    """A small site in English and ``languages``, with hidden pages of every kind linked every way.

    Hidden: a never-published organisation, a login-restricted organisation, an
    expired organisation (live, ``expire_at`` past, as before
    ``publish_scheduled`` runs), a password-restricted event, an expired event,
    an expired heritage project, an unpublished jubilee, a login-restricted
    section and its child, and a never-published collection. Each hidden
    page's translations are hidden the same way.
    """
    words = {
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
    now = timezone.now()
    tag = "samovarshared"

    public = dict(sections)
    public["cooperation"] = home_page.add_child(instance=CooperationIndexPage(title="Cooperation", slug="cooperation"))
    public["federation"] = factories.OrganisationPageFactory(
        parent=sections["organisations"], title="Public Federation", kind="federation", city="Antwerp"
    )
    public["organisation"] = factories.OrganisationPageFactory(parent=sections["organisations"], title="Public Choir")
    orgs, events, projects = sections["organisations"], sections["events"], sections["heritage"]

    def hidden_org(name, **extra):
        first, second = words[name]
        return factories.OrganisationPageFactory(
            parent=orgs, city=second.title(), **secret_fields(first, second), **extra
        )

    hidden = {
        "draft_org": hidden_org("draft_org", live=False),
        "login_org": hidden_org("login_org"),
        "expired_org": hidden_org("expired_org"),
        "password_event": factories.EventPageFactory(
            parent=events, city=words["password_event"][1].title(), **secret_fields(*words["password_event"])
        ),
        "expired_event": factories.EventPageFactory(
            parent=events, city=words["expired_event"][1].title(), **secret_fields(*words["expired_event"])
        ),
        "expired_project": factories.HeritageProjectPageFactory(
            parent=projects, place=words["expired_project"][1], **secret_fields(*words["expired_project"])
        ),
        "private_section": factories.StandardPageFactory(
            parent=home_page, show_in_menus=True, **secret_fields(*words["private_section"])
        ),
    }
    hidden["private_child"] = factories.StandardPageFactory(
        parent=hidden["private_section"], show_in_menus=True, **secret_fields(*words["private_child"])
    )
    hidden["unpublished_jubilee"] = factories.JubileePageFactory(
        parent=sections["jubilees"],
        organisation=public["organisation"],
        date=now.date() + datetime.timedelta(days=30),
        **secret_fields(*words["unpublished_jubilee"]),
    )
    draft_collection = CollectionPage(live=False, show_in_menus=True, **secret_fields(*words["draft_collection"]))
    hidden["draft_collection"] = home_page.add_child(instance=draft_collection)

    # Public pages pointing at hidden ones in every way the content model allows.
    factories.OrganisationMembershipFactory(member=public["organisation"], organisation=public["federation"])
    factories.OrganisationMembershipFactory(member=public["organisation"], organisation=hidden["draft_org"])
    factories.OrganisationMembershipFactory(member=public["organisation"], organisation=hidden["login_org"])
    for name in ("login_org", "expired_org", "draft_org"):
        factories.OrganisationMembershipFactory(member=hidden[name], organisation=public["federation"])
    public["event"] = factories.EventPageFactory(parent=events, title="Public Concert", city="Liège")
    for organisation in (public["organisation"], hidden["draft_org"], hidden["login_org"], hidden["expired_org"]):
        factories.EventOrganiserFactory(event=public["event"], organisation=organisation)
    for name in ("password_event", "expired_event"):
        factories.EventOrganiserFactory(event=hidden[name], organisation=public["organisation"])
    public["project"] = factories.HeritageProjectPageFactory(parent=projects, title="Public Restoration")
    for organisation in (public["organisation"], hidden["draft_org"], hidden["login_org"], hidden["expired_org"]):
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
    links = " ".join(page_link(hidden[name]) for name in ("private_child", "password_event", "draft_collection"))
    public["about"] = factories.StandardPageFactory(
        parent=home_page,
        title="About us",
        show_in_menus=True,
        body=[("paragraph", RichText(f"<p>Read {links}.</p>"))],
    )
    for page in (public["about"], public["event"], hidden["password_event"], hidden["expired_project"]):
        page.tags.add(tag)
        page.save()
    hidden["private_child"].tags.add(tag)
    hidden["private_child"].save()
    public["collection"] = home_page.add_child(instance=CollectionPage(title="Everything", slug="everything"))
    public["collection"].filter_tags.set([Tag.objects.get(name=tag)])
    public["collection"].save()
    public["by_organisation"] = home_page.add_child(instance=CollectionPage(title="By organisers", slug="by-org"))
    public["by_organisation"].organisations.set([hidden["draft_org"], hidden["login_org"], hidden["expired_org"]])
    public["by_organisation"].save()

    # Every page in every language, then each hidden one hidden the same way in each.
    translated = {}
    for page in [home_page, *sorted({*public.values()}, key=lambda page: page.path)]:
        translated[page.pk] = translate_everywhere(page, languages=languages)
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
    for name in ("expired_org", "expired_event", "expired_project"):
        type(hidden[name]).objects.filter(pk__in=[page.pk for page in hidden_pages[name]]).update(expire_at=now - PAST)
    for page in hidden_pages["unpublished_jubilee"]:
        page.refresh_from_db()
        page.unpublish()
    for pages in hidden_pages.values():
        for page in pages:
            page.refresh_from_db()
    return WalkSite(public=public, hidden=hidden_pages, words=words, shared_tag=tag)
