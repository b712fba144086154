"""``manage.py export_content [FILE]``: write every page in the interchange format."""

from django.core.management.base import BaseCommand

from interchange.exporter import export_to


class Command(BaseCommand):
    help = "Export content as JSON Lines in the interchange format (docs/content-format.md); stdout without FILE."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="path of the .jsonl file to write (default: standard output)")

    def handle(self, *args, file=None, **options):
        if file is None:
            count = export_to(self.stdout)
        else:
            with open(file, "w", encoding="utf-8") as stream:
                count = export_to(stream)
        self.stderr.write(f"Exported {count} items.")
