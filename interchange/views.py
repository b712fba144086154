"""The admin view for Moderators: upload an interchange file, read the report, confirm.

The upload is validated with the same code as ``import_content`` and kept in a
private temporary folder under a random name remembered in the session; the
confirmation re-validates it (the site may have changed meanwhile) and imports
it in one transaction; a file refused then (or a page the model refuses during
the import) shows the report again with a 400, and nothing is written.
"""

import secrets
import tempfile
from http import HTTPStatus
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from accounts.audit import log_import

from .importer import import_file
from .validation import InvalidContent, validate_file

MODERATORS = "Moderators"
SESSION_KEY = "interchange_upload"
MAX_UPLOAD_SIZE = getattr(settings, "INTERCHANGE_MAX_UPLOAD_SIZE", 50 * 1024 * 1024)
UPLOAD_DIR = Path(tempfile.gettempdir()) / "compatriots-content-imports"


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


def _stored_upload_path(token):
    # The token is ours (hex); never a path from the request.
    return UPLOAD_DIR / f"{token}.jsonl"


def _store(upload):
    UPLOAD_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    token = secrets.token_hex(16)
    with open(_stored_upload_path(token), "wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    return token


def import_view(request):
    if not can_import(request.user):
        raise PermissionDenied
    context = {"form": UploadForm(), "report": None, "token": None}
    status = HTTPStatus.OK
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request)
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        context["form"] = form
        if not form.is_valid():
            return TemplateResponse(request, "interchange/import.html", context, status=HTTPStatus.BAD_REQUEST)
        token = _store(form.cleaned_data["file"])
        report = validate_file(_stored_upload_path(token))
        context["report"] = report
        if report.is_valid:
            request.session[SESSION_KEY] = token
            context["token"] = token
        else:
            _stored_upload_path(token).unlink(missing_ok=True)
            status = HTTPStatus.BAD_REQUEST
    return TemplateResponse(request, "interchange/import.html", context, status=status)


def _confirm(request):
    token = request.session.get(SESSION_KEY)
    if not token or request.POST.get("token") != token or not _stored_upload_path(token).exists():
        messages.error(request, _("That upload is no longer available: upload the file again."))
        return redirect("interchange_import")
    path = _stored_upload_path(token)
    try:
        result = import_file(path, user=request.user)
    except InvalidContent as error:
        context = {"form": UploadForm(), "report": error.report, "token": None}
        return TemplateResponse(request, "interchange/import.html", context, status=HTTPStatus.BAD_REQUEST)
    finally:
        path.unlink(missing_ok=True)
        request.session.pop(SESSION_KEY, None)
    log_import(result, "admin upload", user=request.user)
    messages.success(
        request,
        _("Content imported: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
        % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
    )
    for note in result.notes:
        messages.info(request, note)
    return redirect("interchange_import")
