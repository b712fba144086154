"""Every string the templates translate is in each language's catalogue, so no page shows English text by mistake.

The strings are read as ``makemessages`` reads them (``templatize``), from
the site's templates (every page a visitor sees, its e-mails, and the admin's
widgets and panels) and the apps' own (the translators' admin pages, the
sign-in and two-factor screens).
"""

import ast
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation.template import templatize

ROOT = Path(settings.BASE_DIR)
#: The site's templates and every app's (the translators' admin pages, the sign-in and two-factor screens),
#: pages and e-mails alike.
TEMPLATES = sorted(
    path
    for pattern in ("templates/**/*", "*/templates/**/*")
    for path in ROOT.glob(pattern)
    if path.suffix in {".html", ".txt"} and not {".venv", "node_modules"}.intersection(path.relative_to(ROOT).parts)
)
STRING = r"u?'(?:[^'\\]|\\.)*'|u?\"(?:[^\"\\]|\\.)*\""
CALL = re.compile(r"\b(?:n?p?gettext)\(\s*((?:" + STRING + r"\s*,?\s*)+)")


def template_msgids(path):
    """The message ids of ``path`` (singular forms; a context's id is the text itself)."""
    code = templatize(path.read_text(), origin=str(path))
    for match in CALL.finditer(code):
        strings = [ast.literal_eval(text) for text in re.findall(STRING, match.group(1))]
        # pgettext(context, text): the text is the second string.
        yield strings[1] if match.group(0).startswith(("pgettext", "npgettext")) else strings[0]


@pytest.mark.parametrize("language", ["nl", "fr", "ru"])
def test_every_template_string_is_translated(language):
    catalogue = polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"))
    translated = {entry.msgid for entry in catalogue if entry.translated()}

    missing = sorted(
        {
            (str(path.relative_to(ROOT)), msgid)
            for path in TEMPLATES
            for msgid in template_msgids(path)
            if msgid not in translated
        }
    )

    assert any(path.parts[-3:-1] == ("templates", "accounts") for path in TEMPLATES)
    assert missing == []
