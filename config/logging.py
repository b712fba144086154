"""Logging: one JSON object per line on stderr, the traceback inside it.

Every unhandled error reaches ``django.request`` with its traceback; written as
one line, each log record stays one record for whatever collects stderr
(journald, Docker, a log shipper), and its request method, path and status
can be searched without parsing free text.
"""

import datetime
import json
import logging
import traceback
from pathlib import Path

from django.http import HttpRequest

#: The checkout: every top-level package in it is one of the project's.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def project_packages(root=PROJECT_ROOT):
    """The project's top-level packages (its apps, ``config``, ``tests``...).

    Every module logs with ``logging.getLogger(__name__)``, so configuring each
    top-level package's logger reaches all of its modules' loggers; an app
    added later is found here without a list to keep up to date.
    """
    return sorted(init.parent.name for init in root.glob("*/__init__.py"))


class JSONFormatter(logging.Formatter):
    """A log record as one JSON object: time, level, logger, message; the
    request's method, path and status when the record carries a request (as
    ``django.request`` records do); the exception's type, message and
    traceback when it carries one."""

    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest):
            entry["method"] = request.method
            entry["path"] = request.get_full_path()
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info and record.exc_info[0] is not None:
            kind, error, trace = record.exc_info
            entry["exception"] = {
                "type": f"{kind.__module__}.{kind.__qualname__}"
                if kind.__module__ != "builtins"
                else kind.__qualname__,
                "message": str(error),
                "traceback": "".join(traceback.format_exception(kind, error, trace)),
            }
        elif record.exc_text:
            entry["exception"] = {"traceback": record.exc_text}
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False, default=str)


def logging_config(level="INFO", log_format="json"):
    """``LOGGING`` for the settings.

    The project's packages' loggers (``project_packages``) and ``django`` (whose ``django.request`` logs every
    unhandled error, at ERROR, with its traceback) write to stderr at
    ``level``; other libraries only from WARNING, so that a chatty client
    library does not bury the site's own records. ``mail_admins`` sends the
    errors to ``ADMINS`` when that is set (it does nothing otherwise).
    """
    formatter = {"()": JSONFormatter} if log_format == "json" else {"format": "%(levelname)s %(name)s: %(message)s"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
        "formatters": {"site": formatter},
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "formatter": "site"},
            "mail_admins": {
                "class": "django.utils.log.AdminEmailHandler",
                "level": "ERROR",
                "filters": ["require_debug_false"],
            },
        },
        "root": {"handlers": ["stderr"], "level": "WARNING"},
        "loggers": {
            "django": {"handlers": ["stderr", "mail_admins"], "level": level, "propagate": False},
            **{name: {"handlers": ["stderr"], "level": level, "propagate": False} for name in project_packages()},
        },
    }
