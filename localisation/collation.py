"""Alphabetical order of names in the site's languages (en, nl, fr, ru).

Neither SQLite nor Python's ``sorted`` knows a language's alphabet: by code
point, "Été" comes after "Zuid", lower case after every capital, and "ё" after
"я". A full collation library (ICU) needs a system library on every machine;
the four languages of the site need much less, so :func:`sort_key` is a
documented approximation of the Unicode Collation Algorithm's first levels:

1. Primary: letters and digits only, case-folded, accents removed (é = e,
   ß = ss, œ = oe), Russian ё sorted as е. Й stays a letter of its own (after И),
   as in the Russian alphabet. Punctuation and spaces are ignored, so that
   «Русский дом» and "De Brug" sort by their words. Latin sorts before Cyrillic.
2. Secondary: the same with accents kept (e before é).
3. Tertiary: lower case before capitals, then the text itself.

Names that differ in the first level are in the order of a dictionary of any
of the four languages; ties are rare and broken consistently.
"""

import unicodedata

# Letters that are not a base letter plus accents, mapped to how dictionaries sort them.
_EXPANSIONS = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"})  # noqa: RUF001  the dotless i, sorted as i
# Kept as distinct letters although Unicode decomposes them: "й" = "и" + breve.
_KEEP_WHOLE = {"й"}
# Sorted as another letter at the first level.
_PRIMARY_AS = {"ё": "е"}


def _letter(char, keep_accents):
    """What one character of a case-folded NFC text gives a level of the key: letters and digits, accents removed or kept."""
    if char in _KEEP_WHOLE:
        return char
    if not keep_accents:
        char = _PRIMARY_AS.get(char, char)
    return "".join(
        part
        for part in unicodedata.normalize("NFKD", char)
        if part.isalnum() or (keep_accents and unicodedata.combining(part))
    )


class _LetterTable(dict):
    """A ``str.translate`` table of each character's part of a key level, worked out on its first use.

    A title is then translated in one call, whatever its length, and each
    character is looked at as on its own: the expansions first (œ: oe), then
    its decomposition, as one loop per character would.
    """

    def __init__(self, keep_accents):
        super().__init__()
        self.keep_accents = keep_accents

    def __missing__(self, code):
        expanded = chr(code).translate(_EXPANSIONS)
        value = self[code] = "".join(_letter(char, self.keep_accents) for char in expanded)
        return value


_PRIMARY = _LetterTable(keep_accents=False)
_SECONDARY = _LetterTable(keep_accents=True)


def sort_key(text):
    """A key for ``sorted`` that orders names as a dictionary in en, nl, fr or ru would."""
    text = str(text or "")
    folded = unicodedata.normalize("NFC", text.casefold())
    return (folded.translate(_PRIMARY), folded.translate(_SECONDARY), text.swapcase(), text)


def by_title(links):
    """:class:`localisation.relations.LocalizedLink`s in the alphabetical order of their pages' titles.

    Sorted after each page was put in the visitor's language, so the order is
    that of the titles shown, not of the sources'.
    """
    return sorted(links, key=lambda link: sort_key(link.page.title))
