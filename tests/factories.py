"""Factories for every model of the project's apps, built on factory_boy and wagtail-factories.

Each factory makes a valid object with no arguments (tests/test_factories.py
builds each once, and fails when a model has no factory). Pages are created
under the English HomePage that the migrations create (``home_page``
fixture); pass ``parent=`` to place them elsewhere.
"""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from taggit.models import Tag
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

from accounts.models import TranslatorPreferences
from cooperation.models import CooperationIndexPage, CooperationParty, CooperationProtocolPage, JointActivity
from core.models import PageTag
from events.models import EventIndexPage, EventOrganiser, EventPage
from forms.models import FormField, FormPage
from heritage.models import HeritageGalleryImage, HeritageIndexPage, HeritageProjectOrganisation, HeritageProjectPage
from home.models import HomePage, StandardPage
from interchange.models import ImportJob
from jubilees.models import JubileeEvent, JubileeIndexPage, JubileePage
from listings.models import CollectionPage
from organisations.models import OrganisationIndexPage, OrganisationMembership, OrganisationPage
from registrations.registrant import Registrant, RegistrationStatus
from search.models import IndexedTerm, PageSearchEntry, QueryResults, SynonymGroup

#: Every user the factory makes signs in with it.
PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password(PASSWORD)

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def group(user, create, name, **kwargs):
        """``UserFactory(group="Moderators")``: a member of one of the editorial groups the migrations create."""
        if create and name:
            user.groups.add(Group.objects.get(name=name))


class TranslatorPreferencesFactory(factory.django.DjangoModelFactory):
    user = factory.SubFactory(UserFactory, group="Translators")

    class Meta:
        model = TranslatorPreferences


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Image {n}")


def english_home_page():
    return HomePage.objects.get(locale__language_code="en")


class TagFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"tag {n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")

    class Meta:
        model = Tag


class BasePageFactory(wagtail_factories.PageFactory):
    parent = factory.LazyFunction(english_home_page)
    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttribute(lambda page: page.title.lower().replace(" ", "-"))
    summary = factory.LazyAttribute(lambda page: f"Summary of {page.title}.")

    class Meta:
        abstract = True


class HomePageFactory(BasePageFactory):
    parent = factory.LazyFunction(Page.get_first_root_node)

    class Meta:
        model = HomePage


class StandardPageFactory(BasePageFactory):
    class Meta:
        model = StandardPage


class PageTagFactory(factory.django.DjangoModelFactory):
    """A tag on a page (any page type: one table)."""

    content_object = factory.SubFactory(StandardPageFactory)
    tag = factory.SubFactory(TagFactory)

    class Meta:
        model = PageTag


class OrganisationIndexPageFactory(BasePageFactory):
    title = "Organisations"

    class Meta:
        model = OrganisationIndexPage


class OrganisationPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Organisation {n}")
    kind = "association"
    founded_year = 1990
    city = "Brussels"
    country = "BE"

    class Meta:
        model = OrganisationPage


class OrganisationMembershipFactory(factory.django.DjangoModelFactory):
    member = factory.SubFactory(OrganisationPageFactory)
    organisation = factory.SubFactory(OrganisationPageFactory)

    class Meta:
        model = OrganisationMembership


class JubileeIndexPageFactory(BasePageFactory):
    title = "Jubilees"

    class Meta:
        model = JubileeIndexPage


class JubileePageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Jubilee {n}")
    organisation = factory.SubFactory(OrganisationPageFactory)
    date = datetime.date(2016, 11, 19)

    class Meta:
        model = JubileePage


class JubileeEventFactory(factory.django.DjangoModelFactory):
    jubilee = factory.SubFactory(JubileePageFactory)
    event = factory.SubFactory("tests.factories.EventPageFactory")

    class Meta:
        model = JubileeEvent


class HeritageIndexPageFactory(BasePageFactory):
    title = "Heritage"

    class Meta:
        model = HeritageIndexPage


class HeritageProjectPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Heritage project {n}")
    start_year = 2012
    place = "Uccle cemetery"
    country = "BE"

    class Meta:
        model = HeritageProjectPage


class HeritageProjectOrganisationFactory(factory.django.DjangoModelFactory):
    project = factory.SubFactory(HeritageProjectPageFactory)
    organisation = factory.SubFactory(OrganisationPageFactory)

    class Meta:
        model = HeritageProjectOrganisation


class HeritageGalleryImageFactory(factory.django.DjangoModelFactory):
    """A photograph in a project's gallery, in the project's language."""

    project = factory.SubFactory(HeritageProjectPageFactory)
    image = factory.SubFactory(ImageFactory)
    alt_text = factory.Sequence(lambda n: f"Restored gravestone {n}")
    locale = factory.LazyAttribute(lambda gallery_image: gallery_image.project.locale)

    class Meta:
        model = HeritageGalleryImage


class EventIndexPageFactory(BasePageFactory):
    title = "Events"

    class Meta:
        model = EventIndexPage


class EventPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Event {n}")
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=3))
    venue = "Russian Centre of Science and Culture"
    city = "Brussels"
    country = "BE"
    category = "concert"

    class Meta:
        model = EventPage


class EventOrganiserFactory(factory.django.DjangoModelFactory):
    event = factory.SubFactory(EventPageFactory)
    organisation = factory.SubFactory(OrganisationPageFactory)

    class Meta:
        model = EventOrganiser


class FormPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Form {n}")
    to_address = "office@example.org"
    from_address = "site@example.org"
    subject = "A message from the site"
    thank_you_text = "<p>Thank you, we will answer soon.</p>"

    class Meta:
        model = FormPage


class FormFieldFactory(factory.django.DjangoModelFactory):
    """A field of ``page`` (required): single-line text unless told otherwise."""

    page = factory.SubFactory(FormPageFactory)
    label = factory.Sequence(lambda n: f"Field {n}")
    field_type = "singleline"
    required = True

    class Meta:
        model = FormField


class CollectionPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Collection {n}")

    class Meta:
        model = CollectionPage


class CooperationIndexPageFactory(BasePageFactory):
    title = "Cooperation"

    class Meta:
        model = CooperationIndexPage


class CooperationProtocolPageFactory(BasePageFactory):
    parent = factory.SubFactory(CooperationIndexPageFactory)
    title = factory.Sequence(lambda n: f"Protocol {n}")
    year = 2024

    class Meta:
        model = CooperationProtocolPage


class CooperationPartyFactory(factory.django.DjangoModelFactory):
    protocol = factory.SubFactory(CooperationProtocolPageFactory)
    organisation = factory.SubFactory(OrganisationPageFactory)

    class Meta:
        model = CooperationParty


class JointActivityFactory(factory.django.DjangoModelFactory):
    """An activity a protocol plans, in the protocol's language; ``linked_page=`` when it was carried out."""

    protocol = factory.SubFactory(CooperationProtocolPageFactory)
    title = factory.Sequence(lambda n: f"Activity {n}")
    locale = factory.LazyAttribute(lambda activity: activity.protocol.locale)

    class Meta:
        model = JointActivity


class SynonymGroupFactory(factory.django.DjangoModelFactory):
    variants = "Tchaikovsky, Tsjaikovski, Чайковский"

    class Meta:
        model = SynonymGroup


class IndexedTermFactory(factory.django.DjangoModelFactory):
    language = "en"
    term = factory.Sequence(lambda n: f"samovar{n}")
    documents = 1

    class Meta:
        model = IndexedTerm


class QueryResultsFactory(factory.django.DjangoModelFactory):
    """How many results a visitor's query found when it was last searched."""

    query = factory.Sequence(lambda n: Query.get(f"samovar {n}"))
    results = 3
    searched_on = factory.LazyFunction(timezone.localdate)

    class Meta:
        model = QueryResults


class PageSearchEntryFactory(factory.django.DjangoModelFactory):
    """A page's row of the PostgreSQL search table (the backend writes these when it indexes a page)."""

    page = factory.SubFactory(StandardPageFactory)
    path = factory.LazyAttribute(lambda entry: entry.page.path)
    depth = factory.LazyAttribute(lambda entry: entry.page.depth)
    live = factory.LazyAttribute(lambda entry: entry.page.live)
    locale = factory.LazyAttribute(lambda entry: entry.page.locale)
    content_type = factory.LazyAttribute(lambda entry: entry.page.content_type)
    title_terms = factory.LazyAttribute(lambda entry: entry.page.title.lower())
    terms = factory.LazyAttribute(lambda entry: entry.page.title.lower())
    vector = factory.LazyAttribute(
        lambda entry: " ".join(f"'{term}':{position}" for position, term in enumerate(entry.terms.split(), 1))
    )

    class Meta:
        model = PageSearchEntry
        django_get_or_create = ("page",)


class RegistrantFactory(factory.django.DjangoModelFactory):
    """A confirmed registration for ``page`` (an event with registration on unless given)."""

    page = factory.SubFactory("tests.factories.EventPageFactory", registration_enabled=True)
    name = factory.Sequence(lambda n: f"Visitor {n}")
    email = factory.Sequence(lambda n: f"visitor{n}@example.org")
    status = RegistrationStatus.CONFIRMED
    event_key = factory.LazyAttribute(lambda registrant: registrant.page.translation_key)
    language_code = factory.LazyAttribute(lambda registrant: registrant.page.locale.language_code)

    class Meta:
        model = Registrant


class ImportJobFactory(factory.django.DjangoModelFactory):
    """An upload waiting for the worker to check it (the file need not exist until the worker runs)."""

    class Meta:
        model = ImportJob

    user = factory.SubFactory(UserFactory, group="Moderators")
    file_name = "content.jsonl"
    upload_token = factory.Faker("hexify", text="^" * 32)
    lines_total = 10
