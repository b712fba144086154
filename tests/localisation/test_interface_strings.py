"""Interface strings and formats follow the page's language (locale/*.po, compiled with polib)."""

import datetime
from http import HTTPStatus

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils.translation import trans_real

from tests import factories

LANGUAGES = ("nl", "fr", "ru")


@pytest.fixture(scope="module")
def compiled_catalogues():
    call_command("compile_translations", verbosity=0)
    # Catalogues loaded before the .mo files existed are cached per process.
    trans_real._translations = {}
    trans_real._default = None
    yield
    trans_real._translations = {}
    trans_real._default = None


def test_every_catalogue_is_complete_and_compiles(compiled_catalogues):
    locale_dir = settings.LOCALE_PATHS[0]
    for code in LANGUAGES:
        catalogue = polib.pofile(str(locale_dir / code / "LC_MESSAGES" / "django.po"))
        assert catalogue.percent_translated() == 100, code
        assert not catalogue.fuzzy_entries(), code
        assert (locale_dir / code / "LC_MESSAGES" / "django.mo").exists()


@pytest.mark.parametrize(
    ("language", "skip_link", "founded_label", "founded_date"),
    [
        ("nl", "Naar de hoofdinhoud", "Opgericht", "8 maart 1995"),
        ("fr", "Aller au contenu principal", "Fondée", "8 mars 1995"),
        ("ru", "Перейти к основному содержанию", "Основана", "8 марта 1995"),
    ],
)
def test_translated_page_shows_interface_strings_and_dates_in_its_language(
    compiled_catalogues, client, organisation_section, translate, language, skip_link, founded_label, founded_date
):
    source = factories.OrganisationPageFactory(
        parent=organisation_section["en"],
        title="Flemish Choir",
        founded_year=1995,
        founded_date=datetime.date(1995, 3, 8),
    )
    translated = translate(source, language, {"title": "Koor", "slug": "koor"})

    response = client.get(translated.url)

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert skip_link in html
    assert founded_label in html
    assert founded_date in html
    assert "Skip to main content" not in html


def test_plural_forms_follow_the_language(compiled_catalogues):
    from django.utils import translation

    with translation.override("ru"):
        assert [
            translation.ngettext("%(counter)s organisation", "%(counter)s organisations", n) % {"counter": n}
            for n in (1, 3, 5, 21)
        ] == [
            "1 организация",
            "3 организации",
            "5 организаций",
            "21 организация",
        ]
    with translation.override("fr"):
        assert (
            translation.ngettext("%(counter)s organisation", "%(counter)s organisations", 0) % {"counter": 0}
            == "0 organisation"
        )


def test_compile_translations_reports_each_catalogue(compiled_catalogues, capsys):
    call_command("compile_translations")
    output = capsys.readouterr().out
    for code in LANGUAGES:
        assert f"{code}/LC_MESSAGES/django.po: 100% translated" in output
