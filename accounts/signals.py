"""Receivers that write the audit trail (accounts.audit) for what happens outside this app's own views.

Connected in ``AccountsConfig.ready``: sign-in, failed sign-in and sign-out
(Django's signals), lock-outs (django-axes), and changes to who may do what:
group membership, model permissions of users and groups, page and collection
permissions of groups, and the superuser, staff and active flags.
"""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from accounts import audit

FLAGS = ("is_superuser", "is_staff", "is_active")


def signed_in(sender, request, user, **kwargs):
    # The code step (accounts.views.verify) names the device that passed before logging the user in.
    two_factor = getattr(user, "otp_device", None) is not None
    audit.record(user, "accounts.login", request=request, user=user, two_factor=two_factor)


def signed_out(sender, request, user, **kwargs):
    if user is not None:
        audit.record(user, "accounts.logout", request=request, user=user)


def sign_in_failed(sender, credentials, request=None, **kwargs):
    # An attempt refused during a lock-out is logged as a lock-out (below), not again here. Importing
    # axes.signals above connects django-axes' receivers first, so the flag is set when this runs.
    if request is not None and getattr(request, "axes_locked_out", False):
        return
    audit.record_for_username(credentials.get("username"), "accounts.login_failed", request=request)


def locked_out(sender, request, username, ip_address, **kwargs):
    audit.record_for_username(username, "accounts.locked_out", request=request)


def _names(model, pks):
    if model is Permission:
        rows = Permission.objects.filter(pk__in=pks).select_related("content_type")
        return sorted(f"{row.content_type.app_label}.{row.codename}" for row in rows)
    if model is Group:
        return sorted(Group.objects.filter(pk__in=pks).values_list("name", flat=True))
    User = get_user_model()
    return sorted(User._default_manager.filter(pk__in=pks).values_list(User.USERNAME_FIELD, flat=True))


def _relation_changed(action_name, owner_model, target_model):
    """An m2m receiver logging, on each owner, the targets added to or removed from it."""

    owner_field, target_field = owner_model._meta.model_name, target_model._meta.model_name

    def receiver(sender, instance, action, reverse, model, pk_set, **kwargs):
        if instance.__dict__.get("_audit_raw_save"):
            return  # a fixture or a test database being loaded: nobody acted
        if action == "pre_clear":
            # A clear does not say what it removes: read it before it goes.
            own, other = (target_field, owner_field) if reverse else (owner_field, target_field)
            instance._audit_cleared = set(
                sender.objects.filter(**{f"{own}_id": instance.pk}).values_list(f"{other}_id", flat=True)
            )
            return
        if action == "post_clear":
            pk_set = instance.__dict__.pop("_audit_cleared", set())
            change = "removed"
        elif action in ("post_add", "post_remove"):
            change = "added" if action == "post_add" else "removed"
        else:
            return
        if not pk_set:
            return
        if not reverse:
            audit.record(instance, action_name, **{change: _names(target_model, pk_set)})
            return
        # The relation was changed from the other side (group.user_set.add(...)): log on each owner.
        target_name = _names(target_model, [instance.pk])
        for owner in owner_model._default_manager.filter(pk__in=pk_set):
            audit.record(owner, action_name, **{change: target_name})

    return receiver


def mark_raw_save(sender, instance, raw=False, **kwargs):
    """Remember that ``instance`` comes from a fixture or a serialised database,
    whose many-to-many rows (sent without ``raw``) are nobody's action either."""
    if raw:
        instance._audit_raw_save = True


def remember_flags(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None or (update_fields is not None and not set(update_fields) & set(FLAGS)):
        return
    before = sender._default_manager.filter(pk=instance.pk).values(*FLAGS).first()
    if before:
        instance._audit_flags_before = before


def log_flag_changes(sender, instance, created, raw=False, **kwargs):
    before = instance.__dict__.pop("_audit_flags_before", None)
    if raw:
        return
    if created:
        if instance.is_superuser or instance.is_staff:
            audit.record(instance, "accounts.flags_changed", **{flag: getattr(instance, flag) for flag in FLAGS})
        return
    if before:
        changed = {flag: getattr(instance, flag) for flag in FLAGS if before[flag] != getattr(instance, flag)}
        if changed:
            audit.record(instance, "accounts.flags_changed", **changed)


def _object_permission_changed(kind):
    def receiver(sender, instance, raw=False, **kwargs):
        if raw:
            return
        granted = kwargs.get("created")
        if granted is False:  # an existing grant saved again changes nothing
            return
        try:
            group = instance.group
            target = instance.page if kind == "page" else instance.collection
        except ObjectDoesNotExist:  # deleted with its group, page or collection, whose own deletion is logged
            return
        audit.record(
            group,
            f"accounts.{kind}_permission_{'granted' if granted else 'revoked'}",
            permission=instance.permission.codename,
            **{kind: str(target)},
        )

    return receiver


_receivers = []


def connect():
    User = get_user_model()
    user_logged_in.connect(signed_in, dispatch_uid="accounts.audit.signed_in")
    user_logged_out.connect(signed_out, dispatch_uid="accounts.audit.signed_out")
    user_login_failed.connect(sign_in_failed, dispatch_uid="accounts.audit.sign_in_failed")
    user_locked_out.connect(locked_out, dispatch_uid="accounts.audit.locked_out")
    relations = [
        (User.groups.through, "accounts.groups_changed", User, Group),
        (User.user_permissions.through, "accounts.permissions_changed", User, Permission),
        (Group.permissions.through, "accounts.permissions_changed", Group, Permission),
    ]
    for through, action_name, owner, target in relations:
        receiver = _relation_changed(action_name, owner, target)
        _receivers.append(receiver)  # signals keep weak references
        m2m_changed.connect(receiver, sender=through, dispatch_uid=f"accounts.audit.{through.__name__}")
    for model in (User, Group):
        pre_save.connect(mark_raw_save, sender=model, dispatch_uid=f"accounts.audit.raw_{model.__name__}")
    pre_save.connect(remember_flags, sender=User, dispatch_uid="accounts.audit.remember_flags")
    post_save.connect(log_flag_changes, sender=User, dispatch_uid="accounts.audit.flag_changes")
    for kind, model in (("page", GroupPagePermission), ("collection", GroupCollectionPermission)):
        receiver = _object_permission_changed(kind)
        _receivers.append(receiver)
        post_save.connect(receiver, sender=model, dispatch_uid=f"accounts.audit.{kind}_permission_saved")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"accounts.audit.{kind}_permission_deleted")
