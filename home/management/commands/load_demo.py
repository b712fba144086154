"""``manage.py load_demo``: build the demo site, or bring it back to its demo state.

Creates the home and section pages of every language, imports
``home/demo/content.jsonl`` with ``import_content`` (pages and their
wagtail-localize translations), then adds pictures, menus, the council's term
and the other details the interchange format cannot carry, and a local demo
admin account. All in one transaction; running it again changes nothing.
"""

import json

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from home.batching import batched_tasks
from home.demo import CONTENT_PATH
from home.demo.enrichment import enrich_content, enrich_home_pages, enrich_sections
from home.demo.listings import add_listings

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "compatriots"


def source_locales(path):
    """``{id: language code}`` of each item's source line (its first line) in an interchange file."""
    locales = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                item = json.loads(line)
                locales.setdefault(item["id"], item["locale"])
    return locales


class Command(BaseCommand):
    help = "Load the demo site (four languages, generated images, demo admin account); safe to run again."

    def handle(self, *args, **options):
        with transaction.atomic(), batched_tasks():
            # Home and section pages first, so that they come first in menus, before the imported plain pages.
            enrich_home_pages()
            enrich_sections()
            call_command("import_content", str(CONTENT_PATH), stdout=self.stdout, stderr=self.stderr)
            enrich_content(source_locales(CONTENT_PATH))
            add_listings()
            created = self.ensure_admin()
        self.stdout.write(self.style.SUCCESS("Demo site ready."))
        if created:
            self.stdout.write(f"Demo admin account: {ADMIN_USERNAME} / {ADMIN_PASSWORD} (local use only).")

    def ensure_admin(self):
        """The demo superuser; an existing account keeps the password its owner may have changed."""
        user, created = get_user_model().objects.get_or_create(
            username=ADMIN_USERNAME,
            defaults={"email": "admin@compatriots.example.org", "is_staff": True, "is_superuser": True},
        )
        if created:
            user.set_password(ADMIN_PASSWORD)
            user.save(update_fields=["password"])
        return created
