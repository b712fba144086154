"""Text made safe for formats stricter than HTML: iCalendar, RSS and Atom.

Stored text may hold characters these formats cannot carry: control
characters (NUL, escape codes, a stray carriage return) that an import or a
paste let through, or lone surrogates. XML 1.0 forbids most of them and
iCalendar content lines cannot hold a bare line break, so a single such
character would make a whole feed or calendar fail. Output goes through
:func:`printable` instead, whatever was stored.
"""

import re

# Characters XML 1.0 does not allow (https://www.w3.org/TR/xml/#charsets), plus
# DEL and the C1 controls, which no reader shows as anything useful.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_LINE_BREAK_WITH_SPACES = re.compile(r" *\n[ \n]*")


def printable(text, keep_line_breaks=False):
    """``text`` without control characters; line breaks kept as ``\\n`` or folded into spaces.

    Tabs become spaces. A title or a single-line field should use the
    default; descriptions may keep their line breaks (``keep_line_breaks``).
    """
    if text is None:
        return ""
    text = str(text)
    if text.isprintable():  # no control character, line break, tab or surrogate: nothing to replace
        return text.strip()
    text = _LINE_BREAKS.sub("\n", text)
    text = _UNPRINTABLE.sub("", text).replace("\t", " ")
    if not keep_line_breaks:
        text = _LINE_BREAK_WITH_SPACES.sub(" ", text)
    return text.strip()


def is_storable(value, max_length=255):
    """Whether a query parameter may be compared with a stored single-line text:
    PostgreSQL refuses a NUL in a query outright, and no stored city or name
    holds a control character (the editor and the import refuse them)."""
    return len(value) <= max_length and value.isprintable()
