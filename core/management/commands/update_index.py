"""``manage.py update_index``: Wagtail's command, with a progress bar (or plain lines) per model.

Wagtail's own prints a dot per chunk of objects, which says nothing of how far
it has come; this one reports objects indexed out of the model's total, and
the rate (:mod:`core.progress`), on standard error.
"""

from django.db import transaction
from modelsearch.management.commands.rebuild_modelsearch_index import DEFAULT_CHUNK_SIZE
from modelsearch.management.commands.rebuild_modelsearch_index import Command as IndexCommand

from core.progress import Progress


class Command(IndexCommand):
    def print_iter_progress(self, iterable):
        # Progress is reported per object by queryset_chunks.
        yield from iterable

    @transaction.atomic
    def queryset_chunks(self, qs, chunk_size=DEFAULT_CHUNK_SIZE):
        progress = Progress(self.stderr, total=qs.count(), label=qs.model._meta.label, unit="objects")
        for items in super().queryset_chunks(qs, chunk_size):
            yield items
            progress.advance(len(items))
        progress.finish()
