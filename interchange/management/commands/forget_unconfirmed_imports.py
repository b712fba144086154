"""Drops the files of admin uploads checked but never confirmed (run daily by run_scheduler)."""

from django.core.management.base import BaseCommand

from interchange.jobs import forget_unconfirmed_uploads


class Command(BaseCommand):
    help = "Drop the files of admin uploads checked more than a day ago and never confirmed."

    def handle(self, *args, **options):
        count = forget_unconfirmed_uploads()
        self.stdout.write(f"{count} unconfirmed upload(s) dropped.")
