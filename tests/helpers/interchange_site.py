"""Sites for the interchange tests that compare items made in two ways (tests/interchange/)."""

import datetime
import json
from pathlib import Path

from django.utils import timezone
from wagtail.models import PageViewRestriction

from bench.jsonl import generated_items, write_generated_items
from core.registry import content_types
from events.models import EventPage
from interchange.importer import import_file
from jubilees.models import JubileePage
from organisations.models import OrganisationPage
from tests.factories import StandardPageFactory

#: The shared dev corpus: drafts, private pages, a page under another, translations of every type.
CORPUS = Path("/work/shared/search-eval/dev/corpus.jsonl")

#: Lines for what the generated ones lack: a translation that leaves its summary and city to the source
#: (wagtail-localize's fallback), one that keeps the source's word as its own, markup and character
#: references in paragraphs, a full founding date, an event announced in a zone other than the site's.
VARIED = [
    {
        "id": "varied-fund",
        "type": "organisation",
        "locale": "en",
        "title": "Varied Fund",
        "summary": "Keeps the traditions.",
        "body": ["Tom & Jerry <b>bold</b>", "Plain text.", "Quotes \"here\" and 'there'"],
        "city": "Brussels",
        "founded": "1999-04-12",
        "website": "https://example.org/fund",
        "email": "fund@example.org",
    },
    {"id": "varied-fund", "type": "organisation", "locale": "fr", "title": "Fonds varié"},
    {"id": "varied-fund", "type": "organisation", "locale": "nl", "title": "Gevarieerd fonds", "city": "Brussels"},
    {
        "id": "varied-event",
        "type": "event",
        "locale": "en",
        "title": "Evening in Delhi",
        "start": "2021-03-18T20:00:00+05:30",
        "end": "2021-03-18T22:00:00+05:30",
        "category": "lecture",
        "venue": "Hall",
        "url": "https://example.org/evening",
        "organisers": ["varied-fund"],
    },
    {"id": "varied-event", "type": "event", "locale": "ru", "title": "Вечер в Дели", "venue": "Зал"},
]


def build_site(tmp_path, groups):
    """Every type in four languages, with tags, references, a restricted page, an
    unpublished one and a page made in the admin (no external id)."""
    path = tmp_path / "site.jsonl"
    write_generated_items(path, generated_items, groups * 20)
    import_file(path)
    restricted = OrganisationPage.objects.filter(locale__language_code="en").order_by("pk").first()
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    JubileePage.objects.filter(locale__language_code="en").order_by("pk").first().unpublish()
    StandardPageFactory(parent=restricted.get_parent(), title="Made in the admin")


def build_varied_site(tmp_path):
    """:func:`build_site`, the dev corpus when present, :data:`VARIED`, and pages whose item is not their
    row's: a live page with a newer draft, a page past its expiry date, a translation with a newer draft."""
    build_site(tmp_path, groups=2)
    if CORPUS.exists():
        import_file(CORPUS)
    path = tmp_path / "varied.jsonl"
    path.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in VARIED), encoding="utf-8")
    import_file(path)
    drafted = OrganisationPage.objects.get(external_id="varied-fund", locale__language_code="en")
    drafted.title = "Varied Fund (draft title)"
    drafted.save_revision()
    translation = EventPage.objects.get(external_id="varied-event", locale__language_code="ru")
    translation.summary = "Черновик"
    translation.save_revision()
    expired = EventPage.objects.filter(locale__language_code="en").exclude(external_id="varied-event").first()
    EventPage.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - datetime.timedelta(days=1))


def all_pages():
    """Every page of the interchange types, specific, in tree order per type."""
    return [
        page for model in content_types().models() for page in model.objects.select_related("locale").order_by("path")
    ]


def as_lines(items):
    return [json.dumps(item, ensure_ascii=False) for item in items]
