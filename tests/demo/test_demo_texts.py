"""Every demo text exists in all four languages, and only the Russian one is written in Cyrillic.

Read from the demo's sources (content.jsonl and the texts the demo modules
define per language), so that no page of the built demo shows another
language's text: the demo takes minutes to build, these checks a moment.
"""

import ast
import importlib
import json
import pkgutil
import re
from pathlib import Path

from PIL import ImageDraw

import demo
from demo import images

LANGUAGES = {"en", "nl", "fr", "ru"}
#: The translations of a text whose English is the source page's own.
TRANSLATIONS_OF_ENGLISH = {"nl", "fr", "ru"}
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
CONTENT = Path(demo.__file__).parent / "content.jsonl"


def demo_modules():
    for module in pkgutil.walk_packages(demo.__path__, "demo."):
        if ".management" not in module.name:
            yield importlib.import_module(module.name)


def per_language_texts(value, where):
    """Every {language: text} mapping inside ``value`` (a module's constant), with where it was found."""
    if isinstance(value, dict):
        if LANGUAGES & set(value) and all(isinstance(key, str) and len(key) == 2 for key in value):
            yield where, value
        for key, item in value.items():
            yield from per_language_texts(item, f"{where}[{key!r}]")
    elif isinstance(value, (list, tuple)):
        for number, item in enumerate(value):
            yield from per_language_texts(item, f"{where}[{number}]")


def cyrillic_outside_russian(texts):
    return {
        code: text
        for code, text in texts.items()
        if code != "ru" and CYRILLIC.search(json.dumps(text, ensure_ascii=False))
    }


def test_every_content_item_is_in_the_four_languages_and_cyrillic_only_in_russian():
    languages = {}
    problems = []
    for line in CONTENT.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        languages.setdefault((item["type"], item["id"]), set()).add(item["locale"])
        if item["locale"] != "ru" and CYRILLIC.search(json.dumps(item, ensure_ascii=False)):
            problems.append(f"{item['id']} ({item['locale']}) has Cyrillic text")
    problems += [f"{key} only in {sorted(found)}" for key, found in languages.items() if found != LANGUAGES]
    assert problems == []


def test_the_texts_the_demo_modules_define_are_in_the_four_languages():
    problems = []
    for module in demo_modules():
        for name, value in vars(module).items():
            if not name.isupper():
                continue
            for where, texts in per_language_texts(value, f"{module.__name__}.{name}"):
                if set(texts) not in (LANGUAGES, TRANSLATIONS_OF_ENGLISH):
                    problems.append(f"{where}: languages {sorted(texts)}")
                if cyrillic_outside_russian(texts):
                    problems.append(f"{where}: Cyrillic outside Russian {cyrillic_outside_russian(texts)}")
    assert problems == []


def test_the_demo_pictures_are_drawn_without_text():
    """A picture with words in it shows one language on every language's pages: the demo draws none."""
    tree = ast.parse(Path(images.__file__).read_text(encoding="utf-8"))
    text_calls = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"text", "multiline_text", "textbbox", "textlength"}
    ]
    assert text_calls == []
    assert "ImageFont" not in vars(images)
    assert hasattr(ImageDraw.ImageDraw, "text")  # the method the check looks for
