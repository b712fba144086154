"""Compile the interface translations (locale/*/LC_MESSAGES/*.po) to .mo files.

Django's own ``compilemessages`` needs GNU gettext's ``msgfmt``; this command
uses polib (declared in requirements.txt), so setting up the site, CI and
the Docker image need nothing outside requirements.txt. Only the .po files are
committed; the .mo files are build output.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile every locale/*/LC_MESSAGES/*.po catalogue to .mo with polib (no GNU gettext needed)."

    def handle(self, *args, **options):
        catalogues = sorted(
            po_path for locale_dir in settings.LOCALE_PATHS for po_path in Path(locale_dir).glob("*/LC_MESSAGES/*.po")
        )
        if not catalogues:
            raise CommandError(f"No .po files found under {', '.join(map(str, settings.LOCALE_PATHS))}.")
        for po_path in catalogues:
            try:
                catalogue = polib.pofile(str(po_path))
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(f"{po_path}: {error}") from error
            # Like msgfmt: fuzzy and obsolete entries are left out.
            catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
            self.stdout.write(f"{po_path}: {catalogue.percent_translated()}% translated")
        self.stdout.write(self.style.SUCCESS(f"Compiled {len(catalogues)} catalogues."))
