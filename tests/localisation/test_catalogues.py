"""The interface catalogues are well formed: every plural entry has as many forms as its language's header says."""

import re
from pathlib import Path

import polib
import pytest

CATALOGUES = sorted(Path(__file__).resolve().parents[2].glob("locale/*/LC_MESSAGES/django.po"))


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parts[-3])
def test_every_plural_entry_has_the_forms_of_its_language(path):
    catalogue = polib.pofile(str(path))
    plural_forms = int(re.search(r"nplurals\s*=\s*(\d+)", catalogue.metadata["Plural-Forms"]).group(1))

    short = [
        entry.msgid
        for entry in catalogue
        if entry.msgid_plural and not entry.obsolete and entry.translated() and len(entry.msgstr_plural) != plural_forms
    ]

    assert short == []


def test_there_are_catalogues():
    assert {path.parts[-3] for path in CATALOGUES} >= {"nl", "fr", "ru"}


PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w*)\}")


def placeholders(text):
    return {match.group(0) for match in PLACEHOLDER.finditer(text)}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parts[-3])
def test_every_translation_fills_in_the_values_of_its_source(path):
    """A translation naming a value its source does not give fails when shown; one that drops a value hides it."""
    wrong = []
    for entry in polib.pofile(str(path)):
        if entry.obsolete or not entry.translated():
            continue
        if entry.msgid_plural:
            # A form may leave the number out ("une minute"), never name a value the source lacks.
            given = placeholders(entry.msgid) | placeholders(entry.msgid_plural)
            if any(not placeholders(form) <= given for form in entry.msgstr_plural.values()):
                wrong.append(entry.msgid)
        elif placeholders(entry.msgstr) != placeholders(entry.msgid):
            wrong.append(entry.msgid)

    assert wrong == []
