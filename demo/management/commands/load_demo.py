"""``manage.py load_demo``: build the demo site, or bring it back to its demo state.

Creates the home and section pages of every language, imports
``demo/content.jsonl`` with ``import_content`` (pages and their
wagtail-localize translations), then adds pictures, menus, the council's term
and the other details the interchange format cannot carry, an event visitors
register for, a contact form and a membership application, and a local demo
admin account (``admin`` / ``compatriots`` with DEBUG on; with DEBUG off only
when asked for, with a random password). The default Site gets the address the
demo is served at (``DEMO_ADDRESS``, as ``scripts/demo`` serves it), so that
canonical links, ``og:url``, the sitemap, feeds and the API's ``html_url`` all
use the same base URL as the address in the browser. All in one transaction;
running it again changes nothing.
"""

import json
import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Site

from demo import CONTENT_PATH
from demo.enrichment import DemoExtension, enrich_content, enrich_home_pages, enrich_sections
from demo.form_pages import add_form_pages
from demo.listings import add_listings
from demo.participation import add_registration_event
from demo.renditions import prerender_demo_images, queue_demo_images
from search.batching import batched_tasks

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "compatriots"  # noqa: S105  (the local demo's documented account, used only with DEBUG on)
DEFAULT_ADDRESS = "127.0.0.1:8000"
#: Addresses a server listens on that no browser can be sent to.
LISTEN_ALL = {"0.0.0.0", "::", "[::]"}  # noqa: S104  (recognised in an address, never bound to)


def site_address(address):
    """(hostname, port) of a ``host:port`` address as ``runserver`` takes it (``8000`` alone means localhost)."""
    address = (address or DEFAULT_ADDRESS).strip()
    host, _colon, port = address.rpartition(":")
    if not port.isdigit():
        raise ValueError(f"{address!r} is not an address such as 127.0.0.1:8000")
    host = host or "127.0.0.1"
    if host in LISTEN_ALL:
        host = "127.0.0.1"
    return host.strip("[]"), int(port)


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

    def add_arguments(self, parser):
        parser.add_argument(
            "--address",
            default=os.environ.get("DEMO_ADDRESS") or DEFAULT_ADDRESS,
            help="host:port the demo is served at, given to the default Site (default: DEMO_ADDRESS, else 127.0.0.1:8000).",
        )
        parser.add_argument(
            "--with-demo-admin",
            action="store_true",
            help="With DEBUG off, create the demo superuser anyway, with a random password printed once.",
        )
        parser.add_argument(
            "--pictures-now",
            action="store_true",
            help="Make the pictures' renditions here and now instead of queueing them for the task worker.",
        )

    def handle(self, *args, with_demo_admin=False, address=DEFAULT_ADDRESS, pictures_now=False, **options):
        try:
            hostname, port = site_address(address)
        except ValueError as error:
            raise CommandError(str(error)) from error
        with transaction.atomic(), batched_tasks():
            # Home and section pages first, so that they come first in menus, before the imported plain pages.
            enrich_home_pages()
            enrich_sections()
            # New pages get their pictures and the rest in the import's batches; enrich_content then finds them done.
            call_command(
                "import_content", str(CONTENT_PATH), stdout=self.stdout, stderr=self.stderr, extension=DemoExtension()
            )
            enrich_content(source_locales(CONTENT_PATH))
            add_listings()
            add_registration_event()
            add_form_pages()
            Site.objects.filter(is_default_site=True).update(hostname=hostname, port=port)
            password = self.ensure_admin(with_demo_admin)
        # After the commit: a failed encoding leaves a loaded demo whose pages make the rendition when shown.
        if pictures_now:
            self.stdout.write(f"Pictures made for {prerender_demo_images()} demo images.")
        else:
            self.stdout.write(f"Pictures of {queue_demo_images()} demo images queued for the task worker.")
        self.stdout.write(self.style.SUCCESS(f"Demo site ready at http://{hostname}:{port}/."))
        if password:
            self.stdout.write(f"Demo admin account: {ADMIN_USERNAME} / {password}")

    def ensure_admin(self, with_demo_admin):
        """The demo superuser's new password, or None when it is not created.

        An existing account keeps the password its owner may have changed. The
        published password is for a local demo (DEBUG on) only: with DEBUG off
        the account is made only when asked for, with a random password shown once.
        """
        User = get_user_model()
        if User.objects.filter(username=ADMIN_USERNAME).exists():
            return None
        if settings.DEBUG:
            password = ADMIN_PASSWORD
        elif with_demo_admin:
            password = secrets.token_urlsafe(18)
        else:
            self.stdout.write(
                "No demo admin account: DEBUG is off, so this is not a local demo. "
                "Create an administrator with `manage.py createsuperuser`, or run load_demo "
                "with --with-demo-admin for one with a random password."
            )
            return None
        user = User(username=ADMIN_USERNAME, email="admin@compatriots.example.org", is_staff=True, is_superuser=True)
        user.set_password(password)
        user.save()
        return password
