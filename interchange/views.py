"""The admin's content import for Moderators: upload, read the report, confirm, follow the job.

The upload is validated with the same code as ``import_content`` and kept in a
private temporary folder under a random name remembered in the session. The
confirmation queues the import as a background job (:mod:`interchange.jobs`)
and leads to the job's page, which shows the lines done of the total while
the worker runs it, then its report: what was created, updated and left
unchanged, or every problem found and nothing written. The worker validates
the file again (the site may have changed meanwhile) and imports it in one
transaction.
"""

from http import HTTPStatus

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .jobs import lines_done, start_import, store_upload, upload_path
from .models import ImportJob
from .validation import validate_file

MODERATORS = "Moderators"
SESSION_KEY = "interchange_upload"
MAX_UPLOAD_SIZE = getattr(settings, "INTERCHANGE_MAX_UPLOAD_SIZE", 50 * 1024 * 1024)
#: Imports listed on the upload page, most recent first.
RECENT_JOBS = 10
#: Seconds between two looks at a running job's progress (the page's script).
REFRESH_SECONDS = 2


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
        return upload


def import_view(request):
    if not can_import(request.user):
        raise PermissionDenied
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request)
    context = {"form": UploadForm(), "report": None, "token": None, "jobs": ImportJob.objects.all()[:RECENT_JOBS]}
    status = HTTPStatus.OK
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        context["form"] = form
        if not form.is_valid():
            return TemplateResponse(request, "interchange/import.html", context, status=HTTPStatus.BAD_REQUEST)
        upload = form.cleaned_data["file"]
        token = store_upload(upload)
        report = validate_file(upload_path(token))
        context["report"] = report
        if report.is_valid:
            request.session[SESSION_KEY] = {"token": token, "file_name": upload.name, "lines": report.lines}
            context["token"] = token
        else:
            upload_path(token).unlink(missing_ok=True)
            status = HTTPStatus.BAD_REQUEST
    return TemplateResponse(request, "interchange/import.html", context, status=status)


def _confirm(request):
    upload = request.session.get(SESSION_KEY)
    token = upload.get("token") if isinstance(upload, dict) else None
    if not token or request.POST.get("token") != token or not upload_path(token).exists():
        messages.error(request, _("That upload is no longer available: upload the file again."))
        return redirect("interchange_import")
    del request.session[SESSION_KEY]
    job = start_import(token, upload["file_name"], upload["lines"], request.user)
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
        }
    )
