"""The admin's content import for Moderators: upload, read the report, confirm, follow the job.

An upload becomes a background job (:mod:`interchange.jobs`) and the
Moderator is led to its page: the worker checks the file with the same code
as ``import_content`` and the page shows the report; confirming there queues
the import, and the page shows the lines done of the total while the worker
runs it, then what was created, updated and left unchanged, or every problem
found and nothing written. The file waits in a private temporary folder under
a random name until the job has run.
"""

from http import HTTPStatus
from itertools import islice

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core.client_address import client_address

from .jobs import confirm_import, lines_done, start_check, upload_path
from .models import ImportJob
from .reading import bounded_lines, read_lines

MODERATORS = "Moderators"
MAX_UPLOAD_SIZE = getattr(settings, "INTERCHANGE_MAX_UPLOAD_SIZE", 50 * 1024 * 1024)
#: Imports listed on the upload page, most recent first.
RECENT_JOBS = 10
#: Seconds between two looks at a running job's progress (the page's script).
REFRESH_SECONDS = 2
#: Lines read while the upload is received, so that a file that is not JSON Lines at all (a spreadsheet,
#: a JSON array, another encoding) is refused at once; the worker checks every line of the others.
LINES_READ_AT_UPLOAD = 20
#: Problems of those lines shown on the form.
PROBLEMS_SHOWN_AT_UPLOAD = 5


def first_lines_problems(upload):
    """What makes the first lines of ``upload`` unreadable (not UTF-8, not a JSON object, too long)."""
    upload.seek(0)
    lines = islice(bounded_lines(upload.file), LINES_READ_AT_UPLOAD)
    problems = [problem for _number, _item, problem in read_lines(lines) if problem]
    upload.seek(0)
    return problems


def can_import(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name=MODERATORS).exists())


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Content file"), help_text=_("JSON Lines in the content interchange format (.jsonl), UTF-8.")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_SIZE:
            raise forms.ValidationError(
                _("The file is too big: at most %(size)s MB.") % {"size": MAX_UPLOAD_SIZE // (1024 * 1024)}
            )
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        if problems := first_lines_problems(upload):
            raise forms.ValidationError(
                [_("This is not a content file (JSON Lines, UTF-8):")]
                + [str(problem) for problem in problems[:PROBLEMS_SHOWN_AT_UPLOAD]]
            )
        return upload


def import_view(request):
    if not can_import(request.user):
        raise PermissionDenied
    context = {"form": UploadForm(), "jobs": ImportJob.objects.all()[:RECENT_JOBS]}
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            job = start_check(form.cleaned_data["file"], request.user)
            return redirect("interchange_import_job", job_id=job.pk)
        context["form"] = form
        return TemplateResponse(request, "interchange/import.html", context, status=HTTPStatus.BAD_REQUEST)
    return TemplateResponse(request, "interchange/import.html", context)


@require_POST
def confirm_view(request, job_id):
    job = _job_for(request, job_id)
    if job.status != ImportJob.Status.CHECKED or not upload_path(job.upload_token).exists():
        messages.error(request, _("That upload is no longer waiting for confirmation: upload the file again."))
        return redirect("interchange_import_job", job_id=job.pk)
    confirm_import(job, client_address(request))
    return redirect("interchange_import_job", job_id=job.pk)


def _job_for(request, job_id):
    if not can_import(request.user):
        raise PermissionDenied
    return get_object_or_404(ImportJob, pk=job_id)


def job_view(request, job_id):
    job = _job_for(request, job_id)
    context = {"job": job, "lines_done": lines_done(job), "refresh_seconds": REFRESH_SECONDS}
    return TemplateResponse(request, "interchange/import_job.html", context)


def job_progress_view(request, job_id):
    """The job's progress for the page's script to show without reloading the page."""
    job = _job_for(request, job_id)
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "lines_done": lines_done(job),
            "lines_total": job.lines_total,
            "finished": job.is_finished,
            "waiting_for_the_worker": job.is_waiting_for_the_worker,
        }
    )
