"""The audit trail: sign-ins, failed sign-ins, lock-outs, two-factor changes, imports and permission changes.

Entries go to Wagtail's audit log (``wagtail.log_actions.log``), so that
administrators read them in Reports > Site history beside the page and
snippet history, filtered by action, user or date. Each carries the acting
user (Wagtail's log context in the admin, or the user signing in) and the
client address (``data["address"]``).
"""

from asgiref.local import Local
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.functional import LazyObject, empty
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from core.client_address import client_address

_request_state = Local()


def remember_address(request):
    _request_state.address = client_address(request)


def forget_address():
    _request_state.address = None


def current_address():
    return getattr(_request_state, "address", None)


def _unwrap(value):
    """``request.user`` is a lazy object, which Wagtail's log would not recognise as a user before it is read."""
    if isinstance(value, LazyObject):
        if value._wrapped is empty:
            value._setup()
        return value._wrapped
    return value


def record(instance, action, *, request=None, user=None, **data):
    """Log ``action`` on ``instance`` with the client address of ``request`` (or of the request being served)."""
    address = client_address(request) if request is not None else current_address()
    if address:
        data["address"] = address
    return log(_unwrap(instance), action, user=_unwrap(user), data=data)


def record_for_username(username, action, *, request=None, **data):
    """Log ``action`` on the account named ``username``; a name with no account is logged under that name."""
    User = get_user_model()
    account = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first() if username else None
    if account is not None:
        return record(account, action, request=request, **data)
    address = client_address(request) if request is not None else current_address()
    if address:
        data["address"] = address
    data["username"] = (username or "")[:150]
    # No object to attach the entry to: it is kept under the user type, with id 0 (no account has it).
    return ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(User),
        object_id="0",
        label=data["username"] or "(no user name)",
        action=action,
        data=data,
        timestamp=timezone.now(),
    )


def log_import(result, source, user=None, address=None):
    """An import of the content interchange format, by ``user`` (None: from the command line).

    ``address``: the client address the import was confirmed from, for an import
    run later by the task worker, outside that request.
    """
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is None:
        return None
    return record(
        site,
        "interchange.import",
        user=user,
        source=str(source)[:200],
        created=result.created,
        updated=result.updated,
        unchanged=result.unchanged,
        **({"address": address} if address else {}),
    )
