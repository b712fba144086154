"""Every string the Python code translates is in each language's catalogue, under a name ``makemessages`` reads.

The strings are read from the syntax tree (calls of Django's translation
functions with literal text), so a string marked in code but never extracted
fails here instead of showing English on a Dutch, French or Russian screen.
"""

import ast
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
#: Not extracted by makemessages (docs/translation.md), or not the project's code.
SKIPPED = {".venv", "node_modules", "tests", "var", "static_collected", "media"}
SOURCES = sorted(
    path
    for path in ROOT.glob("*/**/*.py")
    if not SKIPPED.intersection(path.relative_to(ROOT).parts) and not path.name.startswith(".")
)
#: Django's translation functions, and where each takes its context and its text.
FUNCTIONS = {
    "gettext": (None, 0),
    "gettext_lazy": (None, 0),
    "gettext_noop": (None, 0),
    "ngettext": (None, 0),
    "ngettext_lazy": (None, 0),
    "pgettext": (0, 1),
    "pgettext_lazy": (0, 1),
    "npgettext": (0, 1),
    "npgettext_lazy": (0, 1),
}
#: The names xgettext looks for, besides the functions' own: ``_`` for the singular ones.
UNDERSCORE_FUNCTIONS = {"gettext", "gettext_lazy", "gettext_noop"}


def translation_names(tree):
    """``{local name: Django function}`` for the functions imported from ``django.utils.translation``."""
    return {
        alias.asname or alias.name: alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
        for alias in node.names
        if alias.name in FUNCTIONS
    }


def called_function(call, names):
    if isinstance(call.func, ast.Name):
        return names.get(call.func.id)
    # translation.gettext(...), after "from django.utils import translation".
    attribute = call.func if isinstance(call.func, ast.Attribute) else None
    if attribute and isinstance(attribute.value, ast.Name) and attribute.value.id == "translation":
        return attribute.attr if attribute.attr in FUNCTIONS else None
    return None


def literal(call, position):
    if position is None:
        return None
    if len(call.args) > position and isinstance(call.args[position], ast.Constant):
        value = call.args[position].value
        return value if isinstance(value, str) else None
    return None


def python_msgids(path):
    """``(context, msgid)`` of every translation call with literal text in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = translation_names(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (function := called_function(node, names)):
            context_position, text_position = FUNCTIONS[function]
            text = literal(node, text_position)
            if text is not None:
                yield literal(node, context_position), text


def test_the_code_is_read():
    assert any(path.parts[-2:] == ("accounts", "views.py") for path in SOURCES)
    assert any(python_msgids(ROOT / "accounts" / "views.py"))


@pytest.mark.parametrize("language", ["nl", "fr", "ru"])
def test_every_python_string_is_translated(language):
    catalogue = polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"))
    translated = {(entry.msgctxt, entry.msgid) for entry in catalogue if entry.translated()}

    missing = sorted(
        (str(path.relative_to(ROOT)), msgid)
        for path in SOURCES
        for context, msgid in python_msgids(path)
        if (context, msgid) not in translated
    )

    assert missing == []


def test_translation_functions_keep_the_names_makemessages_extracts():
    renamed = sorted(
        (str(path.relative_to(ROOT)), local, function)
        for path in SOURCES
        for local, function in translation_names(ast.parse(path.read_text(encoding="utf-8"))).items()
        if local != function and not (local == "_" and function in UNDERSCORE_FUNCTIONS)
    )

    assert renamed == []
