"""``manage.py import_content FILE``: validate then import an interchange file."""

from django.core.management.base import BaseCommand, CommandError

from accounts.audit import log_import
from core.progress import Progress
from interchange.importer import import_file
from interchange.validation import InvalidContent


class Command(BaseCommand):
    help = "Import content from a JSON Lines file in the interchange format (docs/content-format.md)."
    #: ``call_command("import_content", path, extension=...)``: an ``ImportExtension`` for the new pages (the demo's).
    stealth_options = ("extension",)

    def add_arguments(self, parser):
        parser.add_argument("file", help="path of the .jsonl file")

    def handle(self, *args, file, extension=None, **options):
        try:
            progress = Progress(self.stderr, total=_count_lines(file), label="Importing")
            result = import_file(file, progress=progress, extension=extension)
            progress.finish()
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file") from None
        except IsADirectoryError:
            raise CommandError(f"{file}: is a directory") from None
        except InvalidContent as error:
            for message in error.report.messages:
                self.stderr.write(message)
            raise CommandError(f"{len(error.report.problems)} problem(s) in {file}: nothing was imported.") from None
        log_import(result, file)
        for note in result.notes:
            self.stdout.write(note)
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {file}: {result.created} created, {result.updated} updated, {result.unchanged} unchanged."
            )
        )


def _count_lines(path):
    """Lines of the file that hold an item (blank lines are skipped by the import too)."""
    with open(path, "rb") as stream:
        return sum(1 for line in stream if line.strip())
