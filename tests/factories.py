"""Factories for every page type, built on wagtail-factories.

Pages are created under the English HomePage that the migrations create
(``home_page`` fixture); pass ``parent=`` to place them elsewhere.
"""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from events.models import EventIndexPage, EventOrganiser, EventPage
from forms.models import FormField, FormPage
from heritage.models import HeritageIndexPage, HeritageProjectOrganisation, HeritageProjectPage
from home.models import HomePage, StandardPage
from registrations.registrant import Registrant, RegistrationStatus
from organisations.models import (
    JubileeIndexPage,
    JubileePage,
    OrganisationIndexPage,
    OrganisationMembership,
    OrganisationPage,
)

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


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Image {n}")


class BasePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttribute(lambda page: page.title.lower().replace(" ", "-"))
    summary = factory.LazyAttribute(lambda page: f"Summary of {page.title}.")

    class Meta:
        abstract = True


class HomePageFactory(BasePageFactory):
    class Meta:
        model = HomePage


class StandardPageFactory(BasePageFactory):
    class Meta:
        model = StandardPage


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
    date = datetime.date(2016, 11, 19)

    class Meta:
        model = JubileePage


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
    class Meta:
        model = HeritageProjectOrganisation


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

    label = factory.Sequence(lambda n: f"Field {n}")
    field_type = "singleline"
    required = True

    class Meta:
        model = FormField


class RegistrantFactory(factory.django.DjangoModelFactory):
    """A confirmed registration for ``page`` (required), an event with registration on."""

    name = factory.Sequence(lambda n: f"Visitor {n}")
    email = factory.Sequence(lambda n: f"visitor{n}@example.org")
    status = RegistrationStatus.CONFIRMED
    event_key = factory.LazyAttribute(lambda registrant: registrant.page.translation_key)
    language_code = factory.LazyAttribute(lambda registrant: registrant.page.locale.language_code)

    class Meta:
        model = Registrant
