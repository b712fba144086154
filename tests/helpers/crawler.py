"""A crawler of the public site, shared by the privacy walk and the parameter fuzz.

It discovers URLs rather than reading them from a list, so that a surface
added later (a feed, an API field, a filter) is walked without anyone
remembering to add it: HTML links, sources and GET forms (each option of their
selects), URLs in XML, feeds, iCalendar and robots.txt, URLs in JSON (the API's
``detail_url``, ``html_url``, ``next``), and the API's offsets and page types.
"""

import contextlib
import json
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from django.test import Client
from wagtail.models import Site

# Not the public site (robots.txt keeps crawlers out), or files nobody serves in tests.
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/")
API_LISTS = ("/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/")
API_PAGE_URL = re.compile(r"/api/v2/pages/(\d+)/")
ABSOLUTE_URL = re.compile(r"https?://[^\s\"'<>\\]+")
HREF = re.compile(r"""href=["']([^"']+)["']""")


class LinkParser(HTMLParser):
    """Every URL an HTML page offers: links, sources, and each choice of its GET forms."""

    URL_ATTRIBUTES = {"href", "src", "action", "poster", "data"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls = []
        self.forms = []
        self._form = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if value and (name in self.URL_ATTRIBUTES or (name.startswith("data-") and value.startswith("/"))):
                self.urls.append(value)
        if tag == "form" and (attrs.get("method") or "get").lower() == "get":
            self._form = {"action": attrs.get("action") or "", "fixed": {}, "choices": {}, "names": set()}
            self.forms.append(self._form)
        if self._form is not None and tag in ("input", "select", "textarea") and attrs.get("name"):
            self._form["names"].add(attrs["name"])
        if self._form is not None and tag == "input" and attrs.get("name"):
            if attrs.get("type") == "hidden":
                self._form["fixed"][attrs["name"]] = attrs.get("value") or ""
        elif self._form is not None and tag == "select" and attrs.get("name"):
            self._select = self._form["choices"].setdefault(attrs["name"], [])
        elif self._select is not None and tag == "option" and attrs.get("value"):
            self._select.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form":
            self._form = None

    def form_urls(self):
        """Each form's action with each option of each of its selects (one choice at a time)."""
        for form in self.forms:
            base = form["action"]
            yield base + ("?" + urlencode(form["fixed"]) if form["fixed"] else "")
            for name, values in form["choices"].items():
                for value in values:
                    yield base + "?" + urlencode({**form["fixed"], name: value})


def json_urls(data):
    """Strings in a JSON document that are URLs or paths."""
    if isinstance(data, dict):
        for value in data.values():
            yield from json_urls(value)
    elif isinstance(data, list):
        for value in data:
            yield from json_urls(value)
    elif isinstance(data, str) and (data.startswith(("http://", "https://")) or data.startswith("/")):
        yield data


def page_objects(data):
    """Every object of a JSON document that the API serialises as a page (its ``meta.type`` is a page model)."""
    if isinstance(data, dict):
        meta = data.get("meta")
        if "id" in data and isinstance(meta, dict):
            kind = str(meta.get("type", ""))
            if "." in kind and not kind.startswith(("wagtailimages.", "wagtaildocs.")):
                yield data
        for value in data.values():
            yield from page_objects(value)
    elif isinstance(data, list):
        for value in data:
            yield from page_objects(value)


@dataclass
class Visit:
    url: str
    status: int
    content_type: str
    text: str
    error: str = ""
    json: object = None
    location: str = ""


@dataclass
class SiteWalker:
    """Visit each same-site URL once, breadth first, up to ``limit`` URLs.

    ``per_path`` bounds the query strings tried on one path (the API's lists
    excepted: their offsets and types are bounded by the content), so that an
    endless series (a calendar's "next month") cannot take the whole budget.
    """

    client: Client = field(default_factory=lambda: Client(raise_request_exception=False))
    limit: int = 400
    per_path: int = 12
    visits: dict = field(default_factory=dict)
    hosts: set = field(default_factory=set)
    _queue: deque = field(default_factory=deque)
    _queued: set = field(default_factory=set)
    _per_path: Counter = field(default_factory=Counter)
    parameters: dict = field(default_factory=dict)  # path -> names of the query parameters seen for it

    def __post_init__(self):
        self.hosts |= {"testserver", "localhost", *Site.objects.values_list("hostname", flat=True)}

    def add(self, url, base="/", seed=False):
        """Queue ``url`` (relative to ``base``) when it is on this site and not seen yet (a seed always)."""
        parts = urlsplit(urljoin(base, url.strip()))
        if parts.scheme not in ("http", "https", "") or (parts.hostname and parts.hostname not in self.hosts):
            return
        path = parts.path or "/"
        if path.startswith(SKIPPED_PREFIXES):
            return
        pairs = parse_qsl(parts.query, keep_blank_values=True)
        self.parameters.setdefault(path, set()).update(name for name, _value in pairs)
        query = urlencode(sorted(pairs))
        key = path + ("?" + query if query else "")
        if key in self._queued:
            return
        if query and not seed and path not in API_LISTS:
            if self._per_path[path] >= self.per_path:
                return
            self._per_path[path] += 1
        self._queued.add(key)
        self._queue.append(key)

    def walk(self, seeds=()):
        for seed in seeds:
            self.add(seed, seed=True)
        while self._queue and len(self.visits) < self.limit:
            url = self._queue.popleft()
            self.visits[url] = visit = self.fetch(url)
            for link in self.discover(visit):
                self.add(link, base=url)
        return self.visits

    def fetch(self, url):
        response = self.client.get(url)
        error = ""
        if getattr(response, "exc_info", None):
            error = repr(response.exc_info[1])
        content_type = response.get("Content-Type", "")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        visit = Visit(url, response.status_code, content_type, body.decode("utf-8", "replace"), error)
        if "json" in content_type:
            with contextlib.suppress(ValueError):
                visit.json = json.loads(visit.text)
        visit.location = response.get("Location", "")
        return visit

    def discover(self, visit):
        """The URLs a response offers."""
        if visit.location:
            yield visit.location
        path = urlsplit(visit.url).path
        if "html" in visit.content_type:
            parser = LinkParser()
            parser.feed(visit.text)
            for form in parser.forms:
                action = urlsplit(urljoin(visit.url, form["action"])).path
                self.parameters.setdefault(action, set()).update(form["names"])
            yield from parser.urls
            yield from parser.form_urls()
        elif visit.json is not None:
            yield from json_urls(visit.json)
            yield from self.api_variants(visit, path)
        else:
            # XML (sitemaps, feeds), iCalendar (folded lines) and plain text (robots.txt).
            text = visit.text.replace("\r\n ", "").replace("\n ", "")
            yield from ABSOLUTE_URL.findall(text)
            yield from HREF.findall(text)

    @staticmethod
    def api_variants(visit, path):
        """Every offset of an API list, each page type it holds, and each page with all its fields."""
        data = visit.json if isinstance(visit.json, dict) else {}
        meta = data.get("meta") or {}
        if path in API_LISTS and isinstance(meta.get("total_count"), int):
            query = dict(parse_qsl(urlsplit(visit.url).query))
            limit = 20
            for offset in range(0, meta["total_count"], limit):
                yield path + "?" + urlencode({**query, "offset": offset, "limit": limit})
        for item in page_objects(data):
            kind = item["meta"]["type"]
            yield "/api/v2/pages/?" + urlencode({"type": kind, "fields": "*"})
            yield f"/api/v2/pages/{item['id']}/?fields=*"

    def failures(self):
        """Visits that answered a server error, with the exception when there was one."""
        return {url: f"{visit.status} {visit.error}" for url, visit in self.visits.items() if visit.status >= 500}
