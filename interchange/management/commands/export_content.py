"""``manage.py export_content [--drafts] [FILE]``: write the live pages (and drafts when asked) in the interchange format."""

from django.core.management.base import BaseCommand

from core.progress import Progress
from interchange.exporter import export_to


class Command(BaseCommand):
    help = "Export content as JSON Lines in the interchange format (docs/content-format.md); stdout without FILE."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="path of the .jsonl file to write (default: standard output)")
        parser.add_argument(
            "--drafts",
            action="store_true",
            help='also write pages not live (never published, unpublished, expired), marked "status": "draft"',
        )

    def handle(self, *args, file=None, drafts=False, **options):
        progress = Progress(self.stderr, label="Exporting", unit="items")
        if file is None:
            count = export_to(self.stdout, drafts=drafts, progress=progress)
        else:
            with open(file, "w", encoding="utf-8") as stream:
                count = export_to(stream, drafts=drafts, progress=progress)
        progress.finish()
        self.stderr.write(f"Exported {count} items.")
