"""Publishes and unpublishes scheduled pages on their own, every minute.

Wagtail keeps a page's go-live and expiry dates but acts on them only when
``publish_scheduled`` runs. This command runs it in a loop beside the web
server (scripts/demo and scripts/serve start it), so that a page scheduled
for 9:00 is live by 9:01 and an expired page leaves the site as soon. Visitor
surfaces already hide a page past its expiry date in between (core.visibility).
"""

import logging
import os
import signal
import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db import DatabaseBackend

logger = logging.getLogger(__name__)

DEFAULT_INTERVAL = 60
#: Housekeeping run on the first run of each day: form submissions and event registrations past their retention period.
DAILY_COMMANDS = ("purge_form_submissions", "purge_event_registrations", "forget_unconfirmed_imports")
#: Days the record of a finished background task is kept in the task queue's table.
TASK_RESULTS_KEPT_DAYS = 14


def daily_commands():
    """The daily commands as (name, options): ``DAILY_COMMANDS``, and the pruning
    of background tasks finished long ago (every page save queues a few) when
    tasks are queued in the database."""
    yield from ((name, {}) for name in DAILY_COMMANDS)
    if isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
        yield "prune_db_task_results", {"queue_name": "*", "min_age_days": TASK_RESULTS_KEPT_DAYS}


class Command(BaseCommand):
    help = (
        "Run Wagtail's publish_scheduled every --interval seconds (SCHEDULER_INTERVAL, 60 by default) "
        "until stopped by SIGTERM or Ctrl-C; --once runs it once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=float(os.environ.get("SCHEDULER_INTERVAL", DEFAULT_INTERVAL)),
            help="Seconds between two runs (default: SCHEDULER_INTERVAL or 60).",
        )
        parser.add_argument("--once", action="store_true", help="Run once and stop.")

    def handle(self, *args, interval, once, **options):
        if interval <= 0:
            raise CommandError("--interval must be a positive number of seconds.")
        if once:
            self.run_once()
            return
        stop = threading.Event()
        previous = {signum: signal.signal(signum, lambda *_: stop.set()) for signum in (signal.SIGTERM, signal.SIGINT)}
        logger.info("Scheduler started: scheduled publishing and expiry every %g s", interval)
        try:
            # A signal ends the wait at once: a run is never cut off halfway,
            # and the command stops without waiting out the interval.
            while not stop.is_set():
                self.run_once()
                stop.wait(interval)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        logger.info("Scheduler stopped")

    def run_once(self):
        """One run of ``publish_scheduled``; an error is logged and the loop goes on."""
        refresh_connections()
        try:
            call_command("publish_scheduled", stdout=self.stdout)
        except Exception:
            logger.exception("Scheduled publishing failed; trying again at the next run")
        finally:
            refresh_connections()
        self.run_daily()

    def run_daily(self):
        """The daily commands, once a day (the first run of the day); a failure is retried the next day."""
        today = timezone.localdate()
        if getattr(self, "daily_run_on", None) == today:
            return
        self.daily_run_on = today
        for name, options in daily_commands():
            try:
                call_command(name, stdout=self.stdout, **options)
            except Exception:
                logger.exception("Daily command %s failed; trying again tomorrow", name)
            finally:
                refresh_connections()


def refresh_connections():
    """Drop database connections that broke or outlived ``CONN_MAX_AGE``, as
    Django does around each request, so that a database restart between two
    runs costs one failed run at most. A connection inside a transaction (a
    caller's, or a test's) is left alone."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()
