"""RSS 2.0 and Atom 1.0 items written as text, for feeds of hundreds of items read as rows.

Django's syndication framework asks the feed for each attribute of each item
(a dozen dynamic look-ups), keeps it in a dictionary, and writes it through
``xml.sax``'s generator one call per tag, attribute and text, each passed on
to the response: about seven hundred Python calls an item. Here the channel is
still the framework's (a few elements per feed), but each item is written
directly as the framework writes it: the same elements in the same order,
text escaped as ``XMLGenerator.characters`` escapes it, attributes quoted and
sorted as ``SimplerXMLGenerator`` does, an empty element closed short
(``<category/>``), dates by ``feedgenerator``'s own functions. The items go to
the response in one write, encoded as the framework encodes them (UTF-8,
unencodable characters as references). ``tests/events/test_feed_writer.py``
compares the output with the framework's, byte for byte.

Only what the site's feeds use is written: title, link, description, a GUID
(with ``isPermaLink``), publication and update dates, and categories; no
author, comments, enclosure or rights.
"""

import datetime
import re

from django.contrib.syndication.views import add_domain
from django.utils.encoding import iri_to_uri
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, get_tag_uri, rfc2822_date, rfc3339_date
from django.utils.timezone import get_default_timezone, make_aware


def escape(text):
    """``xml.sax.saxutils.escape``: the text of an element."""
    if "&" not in text and "<" not in text and ">" not in text:
        return text
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quote_attribute(text):
    """``xml.sax.saxutils.quoteattr``: an attribute's value, quoted."""
    text = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"{}"'.format(text.replace('"', "&quot;"))


def element(name, text):
    """``SimplerXMLGenerator.addQuickElement(name, text)``: closed short when the text is empty."""
    if not text:
        return f"<{name}/>"
    return f"<{name}>{escape(text)}</{name}>"


#: Characters ``iri_to_uri`` leaves as they are (``quote``'s own and the safe ones it is given).
UNESCAPED = re.compile(r"[A-Za-z0-9_.\-~/#%\[\]=:;$&()+,!?*@']*")


class ItemLinks:
    """Items' links as the framework's ``add_domain`` and ``add_item`` give them, the site's part worked out once.

    ``iri_to_uri`` escapes character by character and leaves what it escaped
    alone, so the escaped ``scheme://domain`` followed by the escaped path is
    the whole link escaped, once or twice; a path of characters it leaves
    alone (a page's URL is escaped already) is not escaped again.
    """

    def __init__(self, domain, secure):
        self.domain, self.secure = domain, secure
        self.prefix = iri_to_uri(add_domain(domain, "/", secure))[:-1]

    def __call__(self, url):
        if url and url[0] == "/" and url[:2] != "//":
            return self.prefix + (url if UNESCAPED.fullmatch(url) else iri_to_uri(url))
        return iri_to_uri(add_domain(self.domain, url, self.secure))


class WrittenItems:
    """A feed generator whose items are written as text when added (:meth:`add_row`)."""

    latest = None

    def add_row(self, *, title, link, description, guid, guid_is_permalink, pubdate, updateddate, categories):
        """An item of the given strings (``link`` as :class:`ItemLinks` gives it) and dates.

        Naive dates are taken in the default time zone, as the framework
        takes them; the latest date is kept for the channel's, compared in
        the framework's order (an item's update, then its publication).
        """
        if pubdate is not None and pubdate.utcoffset() is None:
            pubdate = make_aware(pubdate, get_default_timezone())
        if updateddate is not None and updateddate.utcoffset() is None:
            updateddate = make_aware(updateddate, get_default_timezone())
        if updateddate and (self.latest is None or updateddate > self.latest):
            self.latest = updateddate
        if pubdate and (self.latest is None or pubdate > self.latest):
            self.latest = pubdate
        self.items.append(
            self.item_text(title, link, description, guid, guid_is_permalink, pubdate, updateddate, categories)
        )

    def latest_post_date(self):
        return self.latest or datetime.datetime.now(tz=datetime.UTC)

    def write_items(self, handler):
        # Written unescaped, in one piece, after the channel's last element.
        handler.ignorableWhitespace("".join(self.items))


class WrittenRssFeed(WrittenItems, Rss201rev2Feed):
    @staticmethod
    def item_text(title, link, description, guid, guid_is_permalink, pubdate, updateddate, categories):
        """``Rss201rev2Feed.add_item_elements`` of the item."""
        parts = ["<item>", element("title", title), element("link", link)]
        if description is not None:
            parts.append(element("description", description))
        if pubdate is not None:
            parts.append(element("pubDate", rfc2822_date(pubdate)))
        if guid is not None:
            if isinstance(guid_is_permalink, bool):
                permalink = "true" if guid_is_permalink else "false"
                parts.append(f'<guid isPermaLink="{permalink}"')
                parts.append(f">{escape(guid)}</guid>" if guid else "/>")
            else:
                parts.append(element("guid", guid))
        parts.extend(element("category", category) for category in categories)
        parts.append("</item>")
        return "".join(parts)


class WrittenAtomFeed(WrittenItems, Atom1Feed):
    @staticmethod
    def item_text(title, link, description, guid, guid_is_permalink, pubdate, updateddate, categories):
        """``Atom1Feed.add_item_elements`` of the item."""
        parts = ["<entry>", element("title", title), f'<link href={quote_attribute(link)} rel="alternate"/>']
        if pubdate is not None:
            parts.append(element("published", rfc3339_date(pubdate)))
        if updateddate is not None:
            parts.append(element("updated", rfc3339_date(updateddate)))
        parts.append(element("id", guid if guid is not None else get_tag_uri(link, pubdate)))
        if description is not None:
            parts.append(
                f'<summary type="html">{escape(description)}</summary>' if description else '<summary type="html"/>'
            )
        parts.extend(f"<category term={quote_attribute(category)}/>" for category in categories)
        parts.append("</entry>")
        return "".join(parts)
