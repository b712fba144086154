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
