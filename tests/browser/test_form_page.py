"""A visitor sends a form page in Russian: the fields and messages in Russian, the bot trap out of sight, nothing lost."""

import pytest
from wagtail.contrib.forms.models import FormSubmission

from forms.builder import HONEYPOT_FIELD
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.usefixtures("compiled_catalogues")
def test_a_visitor_sends_the_russian_contact_form(browser_page, home_page, translate, settings):
    settings.FORM_SUBMISSION_RETENTION_DAYS = 30
    russian_home = translate(home_page, "ru", {"title": "Главная", "slug": "home"})
    form_page = factories.FormPageFactory(
        parent=russian_home, title="Написать в совет", slug="napisat", thank_you_text=""
    )
    factories.FormFieldFactory(page=form_page, label="Ваше имя", field_type="singleline", sort_order=0)
    factories.FormFieldFactory(page=form_page, label="Ваш адрес", field_type="email", sort_order=1)
    factories.FormFieldFactory(page=form_page, label="Сообщение", field_type="multiline", sort_order=2)
    page = browser_page

    page.goto(form_page.url)
    assert page.get_by_text(
        "Отправленные данные используются только для ответа вам и удаляются через 30 дней."
    ).is_visible()
    # The trap is clipped to a pixel and hidden from screen readers.
    trap = page.locator("[aria-hidden=true]", has=page.locator(f"[name={HONEYPOT_FIELD}]"))
    box = trap.bounding_box()
    assert box["width"] <= 1 and box["height"] <= 1

    # A mistake is shown next to its field, in Russian; nothing is stored.
    page.get_by_label("Ваше имя").fill("Анна")
    page.get_by_label("Ваш адрес").fill("anna@")
    page.get_by_label("Сообщение").fill("Как вступить в сеть?")
    page.get_by_role("button", name="Отправить").click()
    page.get_by_text("Форму не удалось отправить: исправьте отмеченные ниже поля.").wait_for()
    assert not FormSubmission.objects.exists()

    page.get_by_label("Ваш адрес").fill("anna@example.org")
    page.get_by_role("button", name="Отправить").click()
    page.get_by_role("status").get_by_text("Спасибо: ваше сообщение отправлено.").wait_for()

    submission = FormSubmission.objects.get(page=form_page)
    assert "anna@example.org" in submission.form_data.values()
