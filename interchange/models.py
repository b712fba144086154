"""The record of a content import started in the admin and run as a background job."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    """One upload: checked by the task worker, confirmed by a Moderator, imported by the worker.

    The lines done while it runs are kept in a cache every process shares
    (:mod:`interchange.jobs`), not here: the import writes in one transaction,
    and a row updated inside it would show nothing to the admin until the end.
    """

    class Status(models.TextChoices):
        CHECKING = "checking", _("Checking the file")
        CHECKED = "checked", _("Checked: waiting for confirmation")
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Importing")
        SUCCEEDED = "succeeded", _("Imported")
        FAILED = "failed", _("Failed: nothing was written")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(_("file name"), max_length=255)
    #: The random name the upload is kept under until the job has run (:func:`interchange.jobs.upload_path`).
    upload_token = models.CharField(max_length=32)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.CHECKING)
    #: What the check found in the file: lines, and how many items and translations they hold.
    lines_total = models.PositiveIntegerField(_("lines"), default=0)
    sources = models.PositiveIntegerField(default=0)
    translations = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    #: What the reader should know of how lines were read (the validation report's notes).
    notes = models.JSONField(default=list, blank=True)
    #: Why the import failed, one message per problem (with its line and field).
    problems = models.JSONField(default=list, blank=True)
    #: The client address the import was confirmed from, for the audit trail written when it has run.
    confirmed_from = models.CharField(max_length=64, blank=True)
    #: The id of the task that runs the job, to find it in the task queue.
    task_id = models.CharField(max_length=64, blank=True)
    enqueued_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-enqueued_at", "-pk"]
        verbose_name = _("content import")
        verbose_name_plural = _("content imports")

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_finished(self):
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)

    @property
    def is_waiting_for_the_worker(self):
        return self.status in (self.Status.CHECKING, self.Status.QUEUED, self.Status.RUNNING)

    def mark_checked(self, report):
        self._set_status(
            self.Status.CHECKED,
            lines_total=report.lines,
            sources=report.sources,
            translations=report.translations,
            notes=[str(note) for note in report.notes],
        )

    def mark_queued(self, confirmed_from=""):
        self._set_status(self.Status.QUEUED, confirmed_from=confirmed_from or "")

    @property
    def lines_written(self):
        return self.created + self.updated + self.unchanged

    def mark_running(self):
        self._set_status(self.Status.RUNNING, started_at=timezone.now())

    def mark_succeeded(self, result):
        self._set_status(
            self.Status.SUCCEEDED,
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
            notes=[str(note) for note in result.notes],
            finished_at=timezone.now(),
        )

    def mark_failed(self, problems, notes=(), **counts):
        """Failed, with every problem; ``counts`` (``lines_total``...) when the check found them."""
        self._set_status(
            self.Status.FAILED,
            problems=[str(problem) for problem in problems],
            notes=[str(note) for note in notes],
            finished_at=timezone.now(),
            **counts,
        )

    def _set_status(self, status, **values):
        self.status = status
        for name, value in values.items():
            setattr(self, name, value)
        self.save(update_fields=["status", *values])
