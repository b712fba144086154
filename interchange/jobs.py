"""Content imports from the admin, run by the task worker with their progress for the admin to show.

An upload becomes a job (:func:`start_check`) that the worker checks
(:func:`check_import`: the validation report, which a large file would not get
within a web request's time); once a Moderator has read the report and
confirmed (:func:`confirm_import`), the worker imports it (:func:`run_import`).
Both run on the ``imports`` queue, which has a worker of its own
(scripts/lib.sh), so that a long import never holds back the search-index
updates of editors' saves. The import itself is
:func:`interchange.importer.import_file`: it validates the file again (the
site may have changed meanwhile) and writes in one transaction, nothing
written when any line fails.

While it runs, the lines done go to a cache every process shares (the web
server reads them, the worker writes them): the import's own transaction
would hide a count written to the database until it ends. The upload waits in
a private folder on the machine (``UPLOAD_DIR``), so the ``imports`` worker
runs on the machine that received it, as scripts/serve starts it.
"""

import datetime
import logging
import secrets
import tempfile
import time
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext
from django_tasks import task

from accounts.audit import log_import
from core.cache import content_cache

from .importer import import_file
from .models import ImportJob
from .validation import InvalidContent, validate_file

logger = logging.getLogger(__name__)

UPLOAD_DIR = Path(tempfile.gettempdir()) / "compatriots-content-imports"
IMPORTS_QUEUE = "imports"
#: Seconds between two writes of a running job's progress.
PROGRESS_EVERY = 1.0
#: How long a running job's progress is kept if the worker stops without a word.
PROGRESS_TIMEOUT = 24 * 3600
#: How long a checked upload waits for its confirmation before its file is dropped.
UNCONFIRMED_KEPT = datetime.timedelta(days=1)


def upload_path(token):
    """Where the upload named ``token`` is kept; the token is ours (hex), never a path from a request."""
    return UPLOAD_DIR / f"{token}.jsonl"


def store_upload(upload):
    """Keep an uploaded file under a new random name; return the name (token)."""
    UPLOAD_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    token = secrets.token_hex(16)
    with open(upload_path(token), "wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    return token


def start_check(upload, user):
    """Keep an upload and queue its check; return its :class:`ImportJob`."""
    job = ImportJob.objects.create(user=user, file_name=upload.name[:255], upload_token=store_upload(upload))
    _enqueue(check_import, job)
    return job


def confirm_import(job, address=None):
    """Queue the import of a checked job, confirmed from ``address``."""
    job.mark_queued(address)
    _enqueue(run_import, job)


def _enqueue(job_task, job):
    result = job_task.enqueue(job.pk)
    ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.refresh_from_db()


@task(queue_name=IMPORTS_QUEUE)
def check_import(job_id):
    """Validate a job's file: it waits for confirmation, or fails with every problem (and the file is dropped)."""
    job = ImportJob.objects.get(pk=job_id)
    if job.status != ImportJob.Status.CHECKING:
        return job.status
    path = upload_path(job.upload_token)
    try:
        report = validate_file(path)
    except Exception:
        logger.exception("Check of import job %s stopped on an unexpected error", job.pk)
        job.mark_failed([gettext("The check stopped on an unexpected error; the site's log has its details.")])
        path.unlink(missing_ok=True)
        raise
    if report.is_valid:
        job.mark_checked(report)
    else:
        counts = {"lines_total": report.lines, "sources": report.sources, "translations": report.translations}
        job.mark_failed(report.messages, report.notes, **counts)
        path.unlink(missing_ok=True)
    return job.status


@task(queue_name=IMPORTS_QUEUE)
def run_import(job_id):
    """Import a queued job's file; record its outcome (a report, or every problem and nothing written)."""
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    if job.status != ImportJob.Status.QUEUED:
        return job.status  # already run: a task queued twice imports once
    job.mark_running()
    path = upload_path(job.upload_token)
    progress = JobProgress(job)
    try:
        result = import_file(path, user=job.user, progress=progress)
    except InvalidContent as error:
        job.mark_failed(error.report.messages, error.report.notes)
    except Exception:
        logger.exception("Import job %s stopped on an unexpected error; nothing was written", job.pk)
        job.mark_failed([gettext("The import stopped on an unexpected error; the site's log has its details.")])
        raise
    else:
        job.mark_succeeded(result)
        log_import(result, f"admin upload {job.file_name}", user=job.user, address=job.confirmed_from)
    finally:
        progress.forget()
        path.unlink(missing_ok=True)
    return job.status


def forget_unconfirmed_uploads(now=None):
    """Drop the files of checked uploads nobody confirmed within ``UNCONFIRMED_KEPT``; return how many."""
    cutoff = (now or timezone.now()) - UNCONFIRMED_KEPT
    jobs = ImportJob.objects.filter(status=ImportJob.Status.CHECKED, enqueued_at__lt=cutoff)
    for job in jobs:
        upload_path(job.upload_token).unlink(missing_ok=True)
        job.mark_failed([gettext("Not confirmed within a day: upload the file again to import it.")], job.notes)
    return len(jobs)


def lines_done(job):
    """The lines a job has done: counted while it runs, its outcome's once it has run."""
    if job.status == ImportJob.Status.SUCCEEDED:
        return job.lines_written
    if job.status == ImportJob.Status.RUNNING:
        return min(content_cache().get(JobProgress.key_of(job.pk), 0), job.lines_total)
    return 0


class JobProgress:
    """The importer's progress (as :class:`core.progress.Progress`), written for the admin every so often."""

    def __init__(self, job, every=PROGRESS_EVERY, clock=time.monotonic):
        self.key = self.key_of(job.pk)
        self.every = every
        self.clock = clock
        self.done = 0
        self.last_write = None

    @staticmethod
    def key_of(job_id):
        return f"interchange:import-job:{job_id}:lines-done"

    def advance(self, count=1):
        self.done += count
        now = self.clock()
        if self.last_write is None or now - self.last_write >= self.every:
            self.write(now)

    def set(self, done):
        self.advance(done - self.done)

    def write(self, now):
        self.last_write = now
        content_cache().set(self.key, self.done, timeout=PROGRESS_TIMEOUT)

    def finish(self):
        self.write(self.clock())

    def forget(self):
        content_cache().delete(self.key)
