"""Registering for an event on its page: places, waiting list, cancellation, e-mails, spam."""

import logging
import re
from http import HTTPStatus

import pytest
from django.core import mail

from registrations.registrant import Registrant, RegistrationStatus
from tests import factories


def cancellation_path(message):
    url = re.search(r"https?://\S+/registration/[0-9a-f-]+/", message.body).group(0)
    return re.sub(r"^https?://[^/]+", "", url)


def test_the_event_page_offers_the_form_and_is_never_cached(client, concert):
    response = client.get(concert.url)

    html = response.content.decode()
    assert 'action="/en/events/romances-evening/register/"' in html
    assert 'name="website_address"' in html  # the honeypot
    assert "2 places left." in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_an_event_without_registration_has_no_form_and_refuses_posts(client, register, sections):
    event = factories.EventPageFactory(parent=sections["events"], slug="plain")

    assert "register/" not in client.get(event.url).content.decode()
    assert register(event, "Anna", "anna@example.org").status_code == HTTPStatus.NOT_FOUND
    assert not Registrant.objects.exists()


def test_registrations_fill_the_places_then_the_waiting_list(register, concert):
    first = register(concert, "Anna Ivanova", "anna@example.org")
    register(concert, "Boris Petrov", "boris@example.org")
    third = register(concert, "Vera Sokolova", "vera@example.org")

    assert "your place is booked" in first.content.decode()
    assert third.status_code == HTTPStatus.OK
    assert "you are on the waiting list, number 1" in third.content.decode()
    statuses = dict(Registrant.objects.values_list("email", "status"))
    assert statuses == {
        "anna@example.org": RegistrationStatus.CONFIRMED,
        "boris@example.org": RegistrationStatus.CONFIRMED,
        "vera@example.org": RegistrationStatus.WAITING,
    }
    assert [message.to for message in mail.outbox] == [
        ["anna@example.org"],
        ["boris@example.org"],
        ["vera@example.org"],
    ]
    assert "waiting list, number 1" in mail.outbox[2].body
    assert mail.outbox[2].subject == "Waiting list: Romances evening"


def test_without_a_waiting_list_a_full_event_refuses(client, register, concert):
    concert.registration_waiting_list = False
    concert.save()
    register(concert, "Anna", "anna@example.org")
    register(concert, "Boris", "boris@example.org")

    refused = register(concert, "Vera", "vera@example.org")

    assert refused.status_code == HTTPStatus.CONFLICT
    assert Registrant.objects.count() == 2
    assert "All places are taken." in client.get(concert.url).content.decode()


def test_cancelling_promotes_the_first_on_the_waiting_list(client, register, concert):
    register(concert, "Anna", "anna@example.org")
    register(concert, "Boris", "boris@example.org")
    register(concert, "Vera", "vera@example.org")
    register(concert, "Gleb", "gleb@example.org")
    anna_link = cancellation_path(mail.outbox[0])
    mail.outbox.clear()

    # Following the link only shows the registration: a prefetcher cancels nothing.
    shown = client.get(anna_link)
    assert "your place is booked" in shown.content.decode()
    assert Registrant.objects.get(email="anna@example.org").status == RegistrationStatus.CONFIRMED

    cancelled = client.post(anna_link)

    assert "Your registration is cancelled." in cancelled.content.decode()
    statuses = dict(Registrant.objects.values_list("email", "status"))
    assert statuses["anna@example.org"] == RegistrationStatus.CANCELLED
    assert statuses["vera@example.org"] == RegistrationStatus.CONFIRMED
    assert statuses["gleb@example.org"] == RegistrationStatus.WAITING
    assert [message.to for message in mail.outbox] == [["vera@example.org"]]
    assert "A place has freed up" in mail.outbox[0].body
    # Cancelling twice changes nothing more.
    client.post(anna_link)
    assert Registrant.objects.get(email="gleb@example.org").status == RegistrationStatus.WAITING


def test_cancelling_from_the_waiting_list_promotes_nobody(client, register, concert):
    for name in ("anna", "boris", "vera", "gleb"):
        register(concert, name, f"{name}@example.org")
    vera = Registrant.objects.get(email="vera@example.org")

    client.post(concert.url + f"registration/{vera.token}/")

    assert Registrant.objects.get(email="gleb@example.org").status == RegistrationStatus.WAITING


def test_an_unknown_or_foreign_token_is_not_found(client, register, concert, sections):
    other = factories.EventPageFactory(parent=sections["events"], slug="other", registration_enabled=True)
    register(other, "Anna", "anna@example.org")
    token = Registrant.objects.get().token

    assert client.get(concert.url + f"registration/{token}/").status_code == HTTPStatus.NOT_FOUND
    assert client.get(concert.url + "registration/not-a-token/").status_code == HTTPStatus.NOT_FOUND


def test_the_same_address_registers_once(register, concert):
    register(concert, "Anna", "anna@example.org")
    again = register(concert, "Anna", "ANNA@example.org")

    assert again.status_code == HTTPStatus.OK
    assert Registrant.objects.count() == 1
    assert len(mail.outbox) == 2  # the confirmation is sent again


def test_places_are_shared_by_every_translation(register, concert, translate):
    translate(concert.get_parent().get_parent(), "nl", {"title": "Startpagina", "slug": "home"})
    translate(concert.get_parent(), "nl", {"title": "Agenda", "slug": "agenda"})
    dutch = translate(concert, "nl", {"title": "Romanceavond", "slug": "romanceavond"})
    assert dutch.registration_enabled and dutch.registration_capacity == 2

    register(concert, "Anna", "anna@example.org")
    register(dutch, "Bram", "bram@example.org")
    third = register(dutch, "Sanne", "sanne@example.org")

    assert Registrant.objects.get(email="sanne@example.org").status == RegistrationStatus.WAITING
    assert third.status_code == HTTPStatus.OK
    # Each is written to in the language they registered in.
    assert mail.outbox[1].subject.endswith("Romanceavond")
    assert "/nl/" in cancellation_path(mail.outbox[1])


def test_invalid_input_is_a_400_with_the_errors_next_to_the_fields(register, concert):
    response = register(concert, "Anna\x00", "not an address")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    html = response.content.decode()
    assert "Remove the control characters" in html and "Enter a valid email address." in html
    assert not Registrant.objects.exists()


def test_a_filled_honeypot_is_answered_as_success_and_stores_nothing(register, concert, caplog):
    with caplog.at_level(logging.INFO, logger="registrations.views"):
        response = register(concert, "Bot", "bot@example.org", website_address="http://spam.example")

    assert response.status_code == HTTPStatus.OK
    assert not Registrant.objects.exists() and not mail.outbox
    assert "discarded as spam" in caplog.text


def test_one_address_is_limited_per_hour(register, concert, settings):
    settings.FORM_SUBMISSIONS_PER_HOUR = 2
    register(concert, "A", "a@example.org")
    register(concert, "B", "b@example.org")

    refused = register(concert, "C", "c@example.org")

    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert refused["Retry-After"]
    assert register(concert, "C", "c@example.org", address="198.51.100.9").status_code == HTTPStatus.OK


def test_a_failing_mail_server_loses_no_registration(register, concert, settings, caplog):
    settings.EMAIL_BACKEND = "tests.registrations.failing_mail.FailingBackend"

    with caplog.at_level(logging.ERROR, logger="registrations.booking"):
        response = register(concert, "Anna", "anna@example.org")

    assert response.status_code == HTTPStatus.OK
    assert "your place is booked" in response.content.decode()
    assert Registrant.objects.get().status == RegistrationStatus.CONFIRMED
    assert "could not be sent" in caplog.text


def test_registration_closes_when_the_event_is_over(client, register, concert):
    import datetime

    from django.utils import timezone

    concert.start = timezone.now() - datetime.timedelta(days=2)
    concert.end = concert.start + datetime.timedelta(hours=2)
    concert.save()

    assert "Registration is closed." in client.get(concert.url).content.decode()
    assert register(concert, "Anna", "anna@example.org").status_code == HTTPStatus.CONFLICT


@pytest.mark.parametrize("method", ["put", "delete"])
def test_other_methods_are_refused(client, concert, method):
    response = getattr(client, method)(concert.url + "register/")
    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_the_form_says_how_long_a_registration_is_kept(client, settings, concert):
    settings.FORM_SUBMISSION_RETENTION_DAYS = 1

    html = client.get(concert.url).content.decode()

    assert "What you send is used only to answer you, and deleted after 1 day." in html
