"""How the audit trail's actions read in Wagtail's Site history report."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

#: action -> label. The message adds the details kept in the entry's data.
ACTIONS = {
    "accounts.login": _("Signed in"),
    "accounts.logout": _("Signed out"),
    "accounts.login_failed": _("Sign-in failed"),
    "accounts.locked_out": _("Sign-in locked out"),
    "accounts.two_factor_failed": _("Wrong two-factor code"),
    "accounts.recovery_code_used": _("Recovery code used"),
    "accounts.two_factor_enabled": _("Two-factor sign-in turned on"),
    "accounts.two_factor_disabled": _("Two-factor sign-in turned off"),
    "accounts.recovery_codes_renewed": _("Recovery codes renewed"),
    "accounts.groups_changed": _("Groups changed"),
    "accounts.permissions_changed": _("Permissions changed"),
    "accounts.flags_changed": _("Superuser, staff or active status changed"),
    "accounts.page_permission_granted": _("Page permission granted"),
    "accounts.page_permission_revoked": _("Page permission revoked"),
    "accounts.collection_permission_granted": _("Collection permission granted"),
    "accounts.collection_permission_revoked": _("Collection permission revoked"),
    "interchange.import": _("Content imported"),
}

DETAIL_LABELS = {
    "address": _("from"),
    "username": _("user name"),
    "added": _("added"),
    "removed": _("removed"),
    "is_superuser": _("superuser"),
    "is_staff": _("staff"),
    "is_active": _("active"),
    "permission": _("permission"),
    "page": _("page"),
    "collection": _("collection"),
    "source": _("file"),
    "created": _("created"),
    "updated": _("updated"),
    "unchanged": _("unchanged"),
    "by": _("by"),
}


def describe(data):
    parts = []
    for key, label in DETAIL_LABELS.items():
        if key not in (data or {}):
            continue
        value = data[key]
        if isinstance(value, list | tuple):
            value = ", ".join(str(item) for item in value)
        elif isinstance(value, bool):
            value = _("yes") if value else _("no")
        parts.append(f"{label} {value}")
    if "two_factor" in (data or {}):
        parts.append(str(_("with a two-factor code") if data["two_factor"] else _("with the password only")))
    return "; ".join(parts)


def formatter_for(label):
    class AccountFormatter(LogFormatter):
        def format_message(self, log_entry):
            details = describe(log_entry.data)
            return f"{self.label} ({details})" if details else str(self.label)

    AccountFormatter.label = label
    return AccountFormatter


def register(actions):
    for action, label in ACTIONS.items():
        actions.register_action(action)(formatter_for(label))
