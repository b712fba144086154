"""The registration form, its answers and its e-mails speak the event page's language."""

import pytest
from django.core import mail


@pytest.mark.parametrize(
    ("language", "button", "booked", "subject"),
    [
        ("nl", "Inschrijven", "uw plaats is gereserveerd", "Inschrijving: Вечер"),
        ("fr", "S’inscrire", "votre place est réservée", "Inscription : Вечер"),
        ("ru", "Зарегистрироваться", "ваше место забронировано", "Регистрация: Вечер"),
    ],
)
def test_a_translated_event_registers_in_its_language(
    compiled_catalogues, client, register, concert, translate, language, button, booked, subject
):
    translate(concert.get_parent().get_parent(), language, {"title": "Home", "slug": "home"})
    translate(concert.get_parent(), language, {"title": "Events", "slug": "events"})
    translated = translate(concert, language, {"title": "Вечер", "slug": "vecher"})

    assert f">{button}</button>" in client.get(translated.url).content.decode()
    response = register(translated, "Anna", "anna@example.org")

    assert booked in response.content.decode()
    assert mail.outbox[0].subject == subject
