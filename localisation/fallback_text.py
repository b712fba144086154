"""Mark the source's text shown in a translation that is not done with the source's language.

wagtail-localize publishes a translation at once and shows the source's text
for every string not yet translated: a French page can carry English
paragraphs under ``<html lang="fr">``, which screen readers then pronounce as
French. After a page renders, every element (or bare text) of its body whose
text is exactly one of those untranslated strings gets the source's ``lang``.
The rest of the document is left byte for byte as rendered.

One query per rendered page outside the default language, none in it; the
HTML is read only when something is untranslated.
"""

import html
from html.parser import HTMLParser

from django.conf import settings
from django.db.models import Exists, OuterRef
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation
from wagtail_localize.strings import StringValue

VOID_ELEMENTS = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()  # noqa: SIM905
)
#: Elements whose content is not text a reader hears.
SKIPPED_ELEMENTS = frozenset({"script", "style", "template", "svg", "textarea", "select"})


def normalised(text):
    return " ".join(text.split())


def untranslated_texts(page):
    """``(source language code, {normalised text})`` of the strings of ``page`` not translated yet, or None."""
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=page.locale_id,
        has_error=False,
    )
    rows = (
        StringSegment.objects.filter(
            source__object_id=page.translation_key,
            source__translations__target_locale_id=page.locale_id,
            source__translations__enabled=True,
        )
        .exclude(Exists(translated))
        .exclude(context__path="slug")
        .values_list("string__data", "source__locale__language_code")
    )
    texts, language_code = set(), None
    for data, language_code in rows:  # noqa: B007  (every row has the same source language)
        text = normalised(StringValue(data).render_text())
        if text:
            texts.add(text)
    return (language_code, texts) if texts else None


class _Element:
    __slots__ = ("has_lang", "marked_inside", "start", "start_text", "tag", "text")

    def __init__(self, tag, start, start_text, has_lang):
        self.tag, self.start, self.start_text, self.has_lang = tag, start, start_text, has_lang
        self.text = []
        self.marked_inside = False


class _FallbackFinder(HTMLParser):
    """Finds where to put ``lang``: start tags to extend, bare text runs to wrap."""

    def __init__(self, source, texts):
        super().__init__(convert_charrefs=True)
        self.texts = texts
        self.line_starts = [0]
        for index, char in enumerate(source):
            if char == "\n":
                self.line_starts.append(index + 1)
        self.stack, self.in_body, self.skipping = [], False, 0
        self.tags_to_mark, self.runs_to_wrap = [], []

    def position(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_body = True
            return
        if not self.in_body or tag in VOID_ELEMENTS:
            return
        if tag in SKIPPED_ELEMENTS:
            self.skipping += 1
        inherited = bool(self.stack) and self.stack[-1].has_lang
        has_lang = inherited or any(name == "lang" for name, _value in attrs)
        self.stack.append(_Element(tag, self.position(), self.get_starttag_text(), has_lang))

    def handle_endtag(self, tag):
        if not self.in_body or tag in VOID_ELEMENTS or not any(element.tag == tag for element in self.stack):
            return
        while self.stack:
            element = self.stack.pop()
            if element.tag in SKIPPED_ELEMENTS:
                self.skipping -= 1
            self._close(element)
            if element.tag == tag:
                break

    def _close(self, element):
        text = normalised("".join(element.text))
        if not element.has_lang and not element.marked_inside and text in self.texts:
            self.tags_to_mark.append(element)
            element.marked_inside = True
        if self.stack:
            parent = self.stack[-1]
            parent.text.extend(element.text)
            parent.marked_inside = parent.marked_inside or element.marked_inside

    def handle_data(self, data):
        if not self.in_body or self.skipping or not self.stack:
            return
        parent = self.stack[-1]
        parent.text.append(data)
        if not parent.has_lang and normalised(data) in self.texts:
            self.runs_to_wrap.append((parent, self.position(), data))


def mark_fallback_text(content, language_code, texts):
    """``content`` (HTML text) with ``lang="<language_code>"`` on the untranslated ``texts``."""
    finder = _FallbackFinder(content, texts)
    finder.feed(content)
    finder.close()
    edits = []  # (offset, characters to replace, replacement)
    attribute = f' lang="{html.escape(language_code)}"'
    for element in finder.tags_to_mark:
        start_text = element.start_text
        closing = len(start_text) - (2 if start_text.endswith("/>") else 1)
        edits.append((element.start + closing, 0, attribute))
    for parent, start, data in finder.runs_to_wrap:
        if parent in finder.tags_to_mark:
            continue
        raw = content[start:]
        end = _raw_length(raw, data)
        if end is None:
            continue
        edits.append((start, end, f"<span{attribute}>{raw[:end]}</span>"))
    for offset, length, replacement in sorted(edits, key=lambda edit: edit[0], reverse=True):
        content = content[:offset] + replacement + content[offset + length :]
    return content


def _raw_length(raw, data):
    """How many characters of ``raw`` (the document from a text run on) the run takes: up to the next tag."""
    end = raw.find("<")
    end = len(raw) if end == -1 else end
    return end if html.unescape(raw[:end]) == data else None


class FallbackTextLanguageMiddleware:
    """Marks untranslated text in rendered translations (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        page = (response.context_data or {}).get("page")
        if (
            isinstance(page, Page)
            and response.get("Content-Type", "").startswith("text/html")
            # The source language is translated from, not into (the template has read the page's locale).
            and page.locale.language_code != settings.LANGUAGE_CODE
        ):
            response.add_post_render_callback(lambda rendered: _mark_response(page, rendered))
        return response


def _mark_response(page, response):
    found = untranslated_texts(page)
    if found is None:
        return None
    language_code, texts = found
    charset = response.charset or "utf-8"
    response.content = mark_fallback_text(response.content.decode(charset), language_code, texts).encode(charset)
    return response
