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


def _letters(text, keep_accents):
    result = []
    for char in unicodedata.normalize("NFC", text.casefold()).translate(_EXPANSIONS):
        if char in _KEEP_WHOLE:
            result.append(char)
            continue
        if not keep_accents:
            char = _PRIMARY_AS.get(char, char)
        for part in unicodedata.normalize("NFKD", char):
            if part.isalnum() or (keep_accents and unicodedata.combining(part)):
                result.append(part)
    return "".join(result)


def sort_key(text):
    """A key for ``sorted`` that orders names as a dictionary in en, nl, fr or ru would."""
    text = str(text or "")
    return (_letters(text, keep_accents=False), _letters(text, keep_accents=True), text.swapcase(), text)


def by_title(links):
    """:class:`localisation.relations.LocalizedLink`s in the alphabetical order of their pages' titles.

    Sorted after each page was put in the visitor's language, so the order is
    that of the titles shown, not of the sources'.
    """
    return sorted(links, key=lambda link: sort_key(link.page.title))
