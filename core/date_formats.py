"""A date format of the active language, split once and kept in pieces, for lists of hundreds of dates.

``django.utils.formats.date_format`` splits the format and asks a
``DateFormat`` for each piece of each date, translating a month's name or
"p.m." every time: about a hundred Python calls a date. :class:`KeptDateFormat`
splits the format once and keeps each piece's text by the value it reads (the
month for ``F`` or ``N``, the day of the month for ``j``, the year for ``Y``, the
hour and minute for ``P``...), so that a date costs a few look-ups. The texts
are Django's own (its ``DateFormat`` methods), so the result equals
``date_format``'s in the language active when the format was made. A format with a piece that depends on the time zone
(``e``, ``I``, ``O``, ``T``, ``Z``, ``U``, ``c``, ``r``) is left to ``date_format``.
"""

from operator import attrgetter, methodcaller

from django.utils.dateformat import DateFormat, re_escaped, re_formatchars
from django.utils.formats import date_format, get_format

#: What each piece reads of a datetime: its text is kept by that value.
READS = {
    **dict.fromkeys("bEFMNmn", attrgetter("month")),
    **dict.fromkeys("djS", attrgetter("day")),
    **dict.fromkeys("yYL", attrgetter("year")),
    **dict.fromkeys("Dlw", methodcaller("weekday")),
    **dict.fromkeys("oWtz", methodcaller("date")),
    **dict.fromkeys("aAgGhH", attrgetter("hour")),
    **dict.fromkeys("fP", attrgetter("hour", "minute")),
    "i": attrgetter("minute"),
    "s": attrgetter("second"),
    "u": attrgetter("microsecond"),
}


class KeptDateFormat:
    """``date_format(value, format_name)`` of datetimes, in the language active when it was made."""

    def __init__(self, format_name="DATETIME_FORMAT"):
        self.format_name = format_name
        self.pieces, template = [], []
        for position, piece in enumerate(re_formatchars.split(str(get_format(format_name)))):
            if not position % 2:
                template.append(re_escaped.sub(r"\1", piece).replace("{", "{{").replace("}", "}}"))
            elif piece in READS:
                template.append("{}")
                self.pieces.append((piece, READS[piece], {}))
            else:
                self.pieces = None
                break
        self.template = "".join(template)

    def __call__(self, value):
        if self.pieces is None:
            return date_format(value, self.format_name)
        texts = []
        for piece, read, kept in self.pieces:
            key = read(value)
            text = kept.get(key)
            if text is None:
                text = kept[key] = str(getattr(DateFormat(value), piece)())
            texts.append(text)
        return self.template.format(*texts)
