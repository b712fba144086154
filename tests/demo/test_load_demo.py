"""``load_demo`` builds the whole demo site in four languages, and rebuilding it changes nothing.

Building the demo takes a while, so it is built once for this module, inside a
transaction that is rolled back afterwards: the other test modules never see it.
"""

import datetime
import io
import re
from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision, Site
from wagtail_localize.models import Translation, TranslationSource

from cooperation.models import CooperationIndexPage, CooperationProtocolPage
from demo.cooperation import ACTIVITY_KINDS
from demo.enrichment import ILLUSTRATION_ALT
from demo.heritage import GALLERIES, RECOGNITIONS, recognition_texts
from demo.management.commands.load_demo import site_address
from events.models import EventIndexPage, EventPage
from forms.models import FormPage
from heritage.models import HeritageProjectPage
from home.models import HomePage, StandardPage
from jubilees.models import JubileePage
from jubilees.rules import coming_round_anniversaries
from listings.models import CollectionPage
from organisations.models import OrganisationMembership, OrganisationPage

LANGUAGES = ("en", "nl", "fr", "ru")
CONTENT_MODELS = (OrganisationPage, HeritageProjectPage, JubileePage, EventPage)
#: The day the demo content was written for: events and jubilees after it are "upcoming".
DEMO_TODAY = datetime.datetime(2026, 11, 22, tzinfo=datetime.UTC)


# Every test here is a database test, so that pytest-django runs them before
# the transactional (browser) tests, whose flush leaves an empty database.
pytestmark = pytest.mark.django_db


def site_counts():
    return {
        "pages": Page.objects.count(),
        "images": get_image_model().objects.count(),
        "users": get_user_model().objects.count(),
        "memberships": OrganisationMembership.objects.count(),
        "translations": Translation.objects.count(),
        "revisions": Revision.objects.count(),
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Counts after the first and the second run of ``load_demo``, on a database rolled back afterwards."""
    output = io.StringIO()
    with django_db_blocker.unblock(), transaction.atomic():
        # Tests run with DEBUG off, as production does: the demo admin is made only when asked for.
        call_command("load_demo", "--with-demo-admin", stdout=output)
        first = site_counts()
        call_command("load_demo")
        second = site_counts()
        password = re.search(r"Demo admin account: admin / (\S+)", output.getvalue()).group(1)
        yield {"first": first, "second": second, "admin_password": password, "output": output.getvalue()}
        transaction.set_rollback(True)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model.__name__)
def test_every_language_has_at_least_five_live_pages_of_each_type(demo, db, model, language):
    assert model.objects.live().public().filter(locale__language_code=language).count() >= 5


@pytest.mark.parametrize("model", (*CONTENT_MODELS, StandardPage), ids=lambda model: model.__name__)
def test_every_page_is_a_wagtail_localize_translation_of_its_source(demo, db, model):
    for page in model.objects.filter(locale__language_code="en"):
        group = model.objects.filter(translation_key=page.translation_key)
        assert sorted(group.values_list("locale__language_code", flat=True)) == sorted(LANGUAGES)
        translated_into = set(
            Translation.objects.filter(source__object_id=page.translation_key).values_list(
                "target_locale__language_code", flat=True
            )
        )
        source_language = Translation.objects.filter(source__object_id=page.translation_key).first().source.locale
        assert translated_into == set(LANGUAGES) - {source_language.language_code}


def test_sources_may_be_in_any_language(demo, db):
    union = OrganisationPage.objects.get(external_id="union-soviet-citizens", locale__language_code="en")
    translation = Translation.objects.get(source__object_id=union.translation_key, target_locale=union.locale)
    assert translation.source.locale.language_code == "ru"
    assert union.title == "Union of Soviet Citizens of Belgium"


@pytest.mark.parametrize("language", LANGUAGES)
def test_42_of_53_organisations_belong_to_the_federation(demo, db, language):
    organisations = OrganisationPage.objects.live().filter(locale__language_code=language)
    members = organisations.filter(memberships__organisation__external_id="belgian-federation").distinct()
    assert organisations.count() == 53
    assert members.count() == 42
    federation = organisations.get(external_id="belgian-federation")
    assert federation.founded_year == 2009
    assert len(federation.members) == 42


def test_the_council_is_elected_every_three_years(demo, db):
    for council in OrganisationPage.objects.filter(external_id="coordination-council"):
        assert council.kind == "council"
        assert council.term_years == 3
        assert council.current_term_end.year == council.term_start.year + 3


def test_the_unions_70th_jubilee_was_in_2016_and_three_jubilees_are_coming(demo, db):
    jubilee = JubileePage.objects.get(external_id="union-soviet-citizens-70", locale__language_code="nl")
    assert (jubilee.date.year, jubilee.anniversary, jubilee.organisation.founded_year) == (2016, 70, 1946)
    upcoming = JubileePage.objects.live().filter(locale__language_code="en", date__gt=DEMO_TODAY.date())
    assert upcoming.count() >= 3
    for upcoming_jubilee in upcoming:
        assert upcoming_jubilee.anniversary == upcoming_jubilee.date.year - upcoming_jubilee.organisation.founded_year


def test_events_lie_in_the_past_and_in_the_future(demo, db):
    events = EventPage.objects.live().filter(locale__language_code="fr")
    assert events.filter(start__year=2016).exists()
    assert events.filter(start__gt=DEMO_TODAY).count() >= 5
    assert all(event.end >= event.start for event in events)


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_with_a_body_have_a_generated_image_with_alternative_text_in_their_language(demo, db, language):
    pages = EventPage.objects.filter(locale__language_code=language)
    assert all(page.image_id and page.image_alt for page in pages)
    concert = pages.get(external_id="union-80-gala-concert")
    assert concert.title in concert.image_alt
    heritage = HeritageProjectPage.objects.get(external_id="uccle-emigrant-graves", locale__language_code=language)
    assert heritage.gallery_images.count() == 3
    # Each translation's gallery is the source's, image by image (translatable captions).
    source = HeritageProjectPage.objects.get(external_id="uccle-emigrant-graves", locale__language_code="en")
    assert [(image.translation_key, image.image_id) for image in heritage.gallery_images.all()] == [
        (image.translation_key, image.image_id) for image in source.gallery_images.all()
    ]
    assert {image.locale_id for image in heritage.gallery_images.all()} == {heritage.locale_id}
    assert [image.caption for image in heritage.gallery_images.all()] == [
        captions[language] for captions in GALLERIES["uccle-emigrant-graves"]
    ]
    assert heritage.recognitions


def test_spellings_of_russian_names_follow_each_language(demo, db):
    titles = dict(
        OrganisationPage.objects.filter(external_id="pushkin-fund").values_list("locale__language_code", "title")
    )
    assert "Poesjkin" in titles["nl"]
    assert "Pouchkine" in titles["fr"]
    assert "Пушкина" in titles["ru"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_a_home_page_with_an_introduction_and_menus(demo, db, language):
    home = HomePage.objects.get(locale__language_code=language)
    assert home.introduction
    assert home.get_children().live().in_menu().count() >= 7


def test_a_second_run_changes_nothing(demo):
    assert demo["second"] == demo["first"]


def test_the_demo_admin_can_log_in_with_the_random_password_printed_once(demo, db, client):
    assert demo["admin_password"] != "compatriots"
    response = client.post("/admin/login/", {"username": "admin", "password": demo["admin_password"]})
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/admin/"
    assert get_user_model().objects.get(username="admin").is_superuser


@pytest.mark.parametrize(
    "model", (OrganisationPage, HeritageProjectPage, JubileePage), ids=lambda model: model.__name__
)
def test_imported_pages_get_their_pictures_in_their_first_revision(demo, db, model):
    """The import writes the demo's additions with each page and translation: no second revision for them."""
    for page in model.objects.filter(external_id__isnull=False):
        assert Revision.objects.for_instance(page).count() == 1, page.title
        if page.body:
            assert page.get_latest_revision_as_object().image_id == page.image_id is not None


def test_a_sync_of_a_heritage_translation_keeps_its_translated_pictures_texts(demo, db):
    source = HeritageProjectPage.objects.get(external_id="uccle-emigrant-graves", locale__language_code="en")
    record = TranslationSource.objects.get_for_instance(source)
    record.update_from_db()  # "Sync translated pages" in wagtail-localize's editor
    Translation.objects.get(source=record, target_locale__language_code="nl").save_target(publish=False)

    dutch = source.get_translation(Locale.objects.get(language_code="nl")).specific.get_latest_revision_as_object()
    assert dutch.image_alt == ILLUSTRATION_ALT["nl"].format(title=dutch.title)
    assert [image.caption for image in dutch.gallery_images.all()] == [
        captions["nl"] for captions in GALLERIES["uccle-emigrant-graves"]
    ]
    assert [block.value["title"] for block in dutch.recognitions] == [
        texts["title"] for texts in recognition_texts("uccle-emigrant-graves", "nl")
    ]


def test_a_protocol_translated_all_at_once_keeps_its_translated_activities_through_a_sync(demo, db):
    source = CooperationProtocolPage.objects.get(external_id="cooperation-2016", locale__language_code="en")
    french = source.get_translation(Locale.objects.get(language_code="fr")).specific
    titles = [activity.title for activity in french.activities.all()]
    assert titles != [activity.title for activity in source.activities.all()]
    record = TranslationSource.objects.get_for_instance(source)
    record.update_from_db()  # "Sync translated pages" in wagtail-localize's editor
    Translation.objects.get(source=record, target_locale=french.locale).save_target(publish=False)

    synced = french.get_latest_revision_as_object()
    assert [activity.title for activity in synced.activities.all()] == titles
    assert [activity.linked_page_id for activity in synced.activities.all()] == [
        activity.linked_page_id for activity in french.activities.all()
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_of_each_language_renders(demo, db, client, language):
    response = client.get(f"/{language}/")
    assert response.status_code == HTTPStatus.OK
    locale = Locale.objects.get(language_code=language)
    assert HomePage.objects.get(locale=locale).title.encode() in response.content


def test_recurring_events_repeat_in_every_language(demo, db):
    for language in LANGUAGES:
        course = EventPage.objects.live().get(
            external_id="russian-evening-course-brussels", locale__language_code=language
        )
        assert course.recurrence.startswith("FREQ=WEEKLY")
        assert course.local_start.strftime("%A %H:%M") == "Tuesday 19:00"
        assert course.last_occurrence_end.date() == datetime.date(2027, 6, 29)
        occurrences = course.occurrences_between(
            datetime.datetime(2027, 3, 1, tzinfo=course.tzinfo), datetime.datetime(2027, 4, 1, tzinfo=course.tzinfo)
        )
        assert [occurrence.start.day for occurrence in occurrences] == [2, 9, 16, 23, 30]
        festival = EventPage.objects.live().get(external_id="slavic-culture-festival", locale__language_code=language)
        assert festival.recurrence == "FREQ=YEARLY"
        assert festival.next_occurrence(DEMO_TODAY).start.date() == datetime.date(2027, 5, 24)
    assert EventPage.objects.upcoming().filter(locale__language_code="ru", start__lt=DEMO_TODAY).count() >= 2


def test_the_imported_saturday_course_repeats_in_every_language(demo, db):
    """Its rule comes with the file's line: a second load finds it as imported (the test of a second run)."""
    for language in LANGUAGES:
        course = EventPage.objects.live().get(external_id="russian-course-ghent-2027", locale__language_code=language)
        assert course.recurrence.startswith("FREQ=WEEKLY") and "BYDAY=SA" in course.recurrence
        assert course.last_occurrence_end > course.end


def test_each_language_has_a_this_year_collection_translated_from_english(demo, db, client):
    source = CollectionPage.objects.get(external_id="collection-this-year", locale__language_code="en")
    for language in LANGUAGES:
        collection = CollectionPage.objects.live().get(
            translation_key=source.translation_key, locale__language_code=language
        )
        assert collection.date_window == "this_year"
        assert {content_type.model for content_type in collection.page_types.all()} == {"eventpage", "jubileepage"}
        matching = collection.get_matching_pages(now=DEMO_TODAY)
        assert matching.exists()
        assert all(page.locale_id == collection.locale_id for page in matching)
        response = client.get(collection.url)
        assert response.status_code == HTTPStatus.OK
    translated_into = set(
        Translation.objects.filter(source__object_id=source.translation_key).values_list(
            "target_locale__language_code", flat=True
        )
    )
    assert translated_into == {"nl", "fr", "ru"}


def test_cooperation_protocols_from_2016_to_this_year_count_their_activities(demo, db, client):
    this_year = timezone.localdate().year
    for language in LANGUAGES:
        index = CooperationIndexPage.objects.live().get(locale__language_code=language)
        protocols = {protocol.year: protocol for protocol in index.protocols()}
        assert sorted(protocols) == list(range(2016, this_year + 1))
        # The year in progress has the most left to do.
        assert protocols[this_year].carried_out < protocols[this_year].planned * 0.7
        assert protocols[2016].planned > 110
        assert protocols[2016].planned > protocols[2016].carried_out > protocols[2016].planned / 2
        assert all(protocol.party_count >= 5 for protocol in protocols.values())
        protocol_2016 = CooperationProtocolPage.objects.get(pk=protocols[2016].pk)
        linked = [link for _activity, link in protocol_2016.activity_rows if link]
        assert linked and all(link.page.locale_id == protocol_2016.locale_id for link in linked)
        assert all(link.page.locale_id == protocol_2016.locale_id for link in protocol_2016.localized_parties)
        # Activity titles in the protocol's language: a kind, a city and a month composed in it.
        titles = [activity.title for activity, _link in protocol_2016.activity_rows]
        assert titles[len(linked)].startswith(ACTIVITY_KINDS[len(linked)][language])
        response = client.get(protocol_2016.url)
        assert response.status_code == HTTPStatus.OK
        assert f"{protocols[2016].carried_out}".encode() in response.content
        assert escape(titles[len(linked)]) in response.content.decode()
        assert client.get(index.url).status_code == HTTPStatus.OK


def test_at_least_three_organisations_have_a_round_anniversary_in_the_planning_window(demo, db):
    today = DEMO_TODAY.date()
    coming = [
        organisation
        for organisation in OrganisationPage.objects.filter(locale__language_code="en")
        if coming_round_anniversaries(organisation.founded_year, organisation.founded_date, today)
    ]
    assert len(coming) >= 3


def test_the_default_site_is_the_address_the_demo_is_served_at(demo, db):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
    assert site.root_page.get_full_url() == "http://127.0.0.1:8000/en/"


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("127.0.0.1:8000", ("127.0.0.1", 8000)),
        ("0.0.0.0:8080", ("127.0.0.1", 8080)),
        ("demo.example.org:80", ("demo.example.org", 80)),
        ("8001", ("127.0.0.1", 8001)),
        ("[::1]:8000", ("::1", 8000)),
    ],
)
def test_demo_address_gives_the_sites_hostname_and_port(address, expected):
    assert site_address(address) == expected


def test_an_address_without_a_port_is_refused_clearly():
    with pytest.raises(CommandError, match="not an address"):
        call_command("load_demo", "--address", "localhost")


@pytest.mark.parametrize("language", LANGUAGES)
def test_recognitions_are_written_in_the_pages_language(demo, db, language):
    projects = HeritageProjectPage.objects.filter(locale__language_code=language, external_id__in=RECOGNITIONS)
    assert projects.count() == len(RECOGNITIONS)
    for project in projects:
        shown = [
            {"title": block.value["title"], "awarded_by": block.value["awarded_by"]} for block in project.recognitions
        ]
        assert shown == recognition_texts(project.external_id, language), project.title


def test_pictures_carry_no_text_so_their_descriptions_name_none(demo, db):
    for model in CONTENT_MODELS:
        for page in model.objects.exclude(image=None):
            assert "title" not in page.image_alt and "titel" not in page.image_alt and "надпись" not in page.image_alt


@pytest.mark.parametrize("language", LANGUAGES)
def test_after_load_demo_no_page_has_a_picture_left_to_make(demo, db, client, language):
    """Every rendition the pages show (AVIF, WebP, JPEG; cards, main images, galleries, logos) exists already.

    ``load_demo`` queues them for the task worker; tests run tasks at once.
    """
    assert re.search(r"Pictures of \d+ demo images queued for the task worker", demo["output"])
    renditions = get_image_model().get_rendition_model().objects
    made = renditions.count()
    pages = [HomePage, StandardPage, EventIndexPage, *CONTENT_MODELS]
    for model in pages:
        page = model.objects.live().public().filter(locale__language_code=language).exclude(image=None).first()
        page = page or model.objects.live().public().filter(locale__language_code=language).first()
        assert client.get(page.url).status_code == HTTPStatus.OK, page.url
    assert renditions.count() == made


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_upcoming_event_takes_registrations_with_a_waiting_list_in_every_language(demo, db, client, language):
    lecture = EventPage.objects.live().get(external_id="cosmonautics-day-lecture", locale__language_code=language)

    assert lecture.start > timezone.now() + datetime.timedelta(days=13)
    assert lecture.registration_is_open and lecture.registration_waiting_list
    assert (lecture.registration_capacity, lecture.places_left) == (12, 1)
    html = client.get(lecture.url).content.decode()
    assert f'action="{lecture.url}register/"' in html


def test_the_last_place_of_the_lecture_is_taken_then_the_waiting_list_begins(demo, db, client, mailoutbox):
    lecture = EventPage.objects.live().get(external_id="cosmonautics-day-lecture", locale__language_code="ru")

    for name, address in [("Вера", "203.0.113.7"), ("Глеб", "203.0.113.8")]:
        data = {"name": name, "email": f"{address}@example.org"}
        assert client.post(lecture.url + "register/", data, REMOTE_ADDR=address).status_code == HTTPStatus.OK

    statuses = dict(lecture.registrations().values_list("name", "status"))
    assert (statuses["Вера"], statuses["Глеб"]) == ("confirmed", "waiting")
    assert len(mailoutbox) == 2


@pytest.mark.parametrize(
    ("language", "contact_label", "application_label"),
    [
        ("en", "Your message", "Name of the organisation"),
        ("nl", "Uw bericht", "Naam van de organisatie"),
        ("fr", "Votre message", "Nom de l&#x27;organisation"),
        ("ru", "Ваше сообщение", "Название организации"),
    ],
)
def test_a_contact_form_and_a_membership_application_in_every_language(
    demo, db, client, language, contact_label, application_label
):
    forms = {page.external_id: page for page in FormPage.objects.live().filter(locale__language_code=language)}

    assert set(forms) == {"contact-form", "membership-application"}
    assert contact_label in client.get(forms["contact-form"].url).content.decode()
    assert application_label in client.get(forms["membership-application"].url).content.decode()


def test_a_membership_application_in_russian_is_stored_under_the_sources_columns(demo, db, client):
    application = FormPage.objects.get(external_id="membership-application", locale__language_code="ru")
    fields = {field.label: field.clean_name for field in application.form_fields.all()}
    data = {
        fields["Название организации"]: "Клуб «Берёзка»",
        fields["Город"]: "Гент",
        fields["Контактное лицо"]: "Ольга",
        fields["Адрес электронной почты"]: "olga@example.org",
        fields["Об организации"]: "Хор и субботняя школа с 2004 года.",
    }

    response = client.post(application.url, data, REMOTE_ADDR="203.0.113.9")

    assert response.status_code == HTTPStatus.OK
    english = FormPage.objects.get(external_id="membership-application", locale__language_code="en")
    assert set(fields.values()) == set(english.form_fields.values_list("clean_name", flat=True))
    submission = application.get_submission_class().objects.get(page=application)
    assert submission.get_data()[fields["Город"]] == "Гент"
