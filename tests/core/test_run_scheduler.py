"""run_scheduler: scheduled publishing and expiry happen on their own."""

import datetime
import io
import os
import signal
import threading
import time

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Revision

from tests import factories


def scheduled_page(parent, title, go_live_at):
    """A draft page whose publication an editor scheduled for ``go_live_at``."""
    page = factories.StandardPageFactory(parent=parent, title=title, live=False)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()
    # The hour has passed: the revision is due.
    content = dict(revision.content, go_live_at=go_live_at.isoformat())
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=go_live_at, content=content)
    page.refresh_from_db()
    assert not page.live
    return page


@pytest.fixture
def due_pages(home_page):
    past = timezone.now() - datetime.timedelta(minutes=1)
    return {
        "scheduled": scheduled_page(home_page, "Opening of the Pushkin library", past),
        "expired": factories.StandardPageFactory(parent=home_page, title="Summer reading club", expire_at=past),
    }


def test_one_run_publishes_the_scheduled_page_and_unpublishes_the_expired_one(due_pages):
    call_command("run_scheduler", "--once", stdout=io.StringIO())

    scheduled, expired = due_pages["scheduled"], due_pages["expired"]
    scheduled.refresh_from_db()
    expired.refresh_from_db()
    assert scheduled.live
    assert scheduled.title == "Opening of the Pushkin library"
    assert not expired.live
    assert expired.expired


def test_the_loop_runs_at_once_and_stops_cleanly_on_sigterm(due_pages):
    previous_handler = signal.getsignal(signal.SIGTERM)
    threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGTERM)).start()
    started = time.monotonic()

    call_command("run_scheduler", "--interval", "60", stdout=io.StringIO())

    assert time.monotonic() - started < 10
    due_pages["scheduled"].refresh_from_db()
    assert due_pages["scheduled"].live
    # The process's own handler is back once the command stops.
    assert signal.getsignal(signal.SIGTERM) is previous_handler


def test_an_interval_must_be_positive(db):
    with pytest.raises(CommandError, match="positive"):
        call_command("run_scheduler", "--interval", "0")


def test_the_daily_run_prunes_background_tasks_finished_long_ago(db, settings):
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult
    from modelsearch.tasks import insert_or_update_object_task

    from core.management.commands.run_scheduler import TASK_RESULTS_KEPT_DAYS, Command

    settings.TASKS = {"default": {"BACKEND": "search.task_backend.BatchingDatabaseBackend"}}
    old, recent, waiting = (insert_or_update_object_task.enqueue("home", "homepage", str(pk)) for pk in (1, 2, 3))
    long_ago = timezone.now() - datetime.timedelta(days=TASK_RESULTS_KEPT_DAYS + 1)
    DBTaskResult.objects.filter(id__in=[old.id, recent.id]).update(status=TaskResultStatus.SUCCESSFUL)
    DBTaskResult.objects.filter(id=old.id).update(finished_at=long_ago)
    DBTaskResult.objects.filter(id=recent.id).update(finished_at=timezone.now())

    Command(stdout=io.StringIO()).run_daily()

    assert {str(pk) for pk in DBTaskResult.objects.values_list("id", flat=True)} == {recent.id, waiting.id}
