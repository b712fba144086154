"""The demo's contact form and membership application are reached from the menu and the footer of every language.

Built with the demo's own code on a bare site (a home page per language), so
that these checks take a moment instead of the whole demo's minutes.
"""

from http import HTTPStatus

import pytest

from demo.form_pages import TEXTS, add_form_pages
from forms.models import FormPage
from home.sections import get_home_page

LANGUAGES = ("en", "nl", "fr", "ru")


@pytest.fixture
def form_pages(db, django_capture_on_commit_callbacks):
    # Tests never commit: wagtail-localize's deferred publishing is run at once.
    with django_capture_on_commit_callbacks(execute=True):
        homes = {code: get_home_page(code) for code in LANGUAGES}
        add_form_pages()
    return homes


def region(html, start, end):
    return html.split(start, 1)[1].split(end, 1)[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_menu_and_the_footer_link_to_both_forms_in_their_language(form_pages, client, language):
    response = client.get(form_pages[language].url)

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    menu = region(html, '<nav class="main-nav"', "</nav>")
    footer = region(html, '<footer class="site-footer"', "</footer>")
    for external_id in ("contact-form", "membership-application"):
        page = FormPage.objects.live().get(external_id=external_id, locale__language_code=language)
        title = TEXTS[external_id][language][0]
        assert page.title == title
        for links in (menu, footer):
            assert f'href="{page.url}"' in links, (external_id, language)
            assert title.replace("'", "&#x27;") in links


def test_a_second_run_keeps_the_forms_in_the_menus(form_pages):
    add_form_pages()

    assert FormPage.objects.count() == 2 * len(LANGUAGES)
    assert not FormPage.objects.filter(show_in_menus=False).exists()
