"""The accounts app in Wagtail's admin: the two-factor page, sign-in records, audit actions."""

from axes.models import AccessAttempt, AccessFailureLog
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from accounts import log_actions, two_factor, views
from accounts.translator_settings import TranslatorNotificationsPanel


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [path("account/two-factor/", views.two_factor_settings, name="accounts_two_factor")]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    enrolled = two_factor.is_enrolled(request.user)
    return {
        "url": reverse("accounts_two_factor"),
        "label": _("Two-factor sign-in"),
        "help_text": _("On: a code from your phone is asked after your password.")
        if enrolled
        else _("Off: turn it on so that a stolen password is not enough to sign in as you."),
    }


@hooks.register("register_account_settings_panel")
def translator_notifications_panel(request, user, profile):
    return TranslatorNotificationsPanel(request, user, profile)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    log_actions.register(actions)


class RecordsPolicy(ModelPermissionPolicy):
    """Sign-in records are written by django-axes only: they can be read and deleted, never added or changed."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        if action == "view":
            return user.has_perm(self._get_permission_name("view")) or user.has_perm(
                self._get_permission_name("delete")
            )
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


class SignInAttemptViewSet(ModelViewSet):
    """Current failure counts per user name and address; deleting one lifts its lock-out at once."""

    model = AccessAttempt
    icon = "warning"
    menu_label = _("Sign-in attempts")
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["username", "ip_address", "failures_since_start", "attempt_time", "user_agent", "path_info"]
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time", "user_agent"]
    list_filter = ["attempt_time"]
    search_fields = ["username", "ip_address"]
    search_backend_name = None
    ordering = ["-attempt_time"]
    add_to_reference_index = False
    # Required by the viewset; the policy above refuses the add and edit views.
    form_fields = ["username"]


class FailedSignInViewSet(ModelViewSet):
    """Every failed sign-in, with whether it was refused by a lock-out."""

    model = AccessFailureLog
    icon = "list-ul"
    menu_label = _("Failed sign-ins")
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["username", "ip_address", "attempt_time", "locked_out", "user_agent", "path_info"]
    list_display = ["username", "ip_address", "attempt_time", "locked_out", "user_agent"]
    list_filter = ["locked_out", "attempt_time"]
    search_fields = ["username", "ip_address"]
    search_backend_name = None
    ordering = ["-attempt_time"]
    add_to_reference_index = False
    # Required by the viewset; the policy above refuses the add and edit views.
    form_fields = ["username"]


register_permission_policy(AccessAttempt, RecordsPolicy(AccessAttempt))
register_permission_policy(AccessFailureLog, RecordsPolicy(AccessFailureLog))


@hooks.register("register_admin_viewset")
def sign_in_records():
    return [SignInAttemptViewSet("sign_in_attempts"), FailedSignInViewSet("failed_sign_ins")]
