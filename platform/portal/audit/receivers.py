"""Audit entries recorded from signals: unit lifecycle, roles, network administrators,
two-factor resets."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, pre_save

from portal.accounts.signals import two_factor_reset
from portal.tenancy.signals import unit_lifecycle_changed, unit_schema_ready

from . import actions
from .log import record, unit_of_current_schema

_LIFECYCLE = {
    "rename": actions.UNIT_RENAMED,
    "move": actions.UNIT_MOVED,
    "archive": actions.UNIT_ARCHIVED,
    "restore": actions.UNIT_RESTORED,
}


def _on_unit_ready(sender, unit, hostname, **kwargs):
    parent = unit.get_parent()
    record(
        actions.UNIT_PROVISIONED,
        unit=unit,
        target=unit.code,
        details={
            "level": unit.level.code,
            "domain": hostname,
            "parent": parent.code if parent else None,
        },
    )


def _on_lifecycle(sender, unit, action, **kwargs):
    details = {"name": unit.name}
    if action == "move":
        parent = unit.get_parent()
        details["parent"] = parent.code if parent else None
    record(_LIFECYCLE[action], unit=unit, target=unit.code, details=details)


def _on_roles_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action == "pre_clear":
        pk_set = set(
            (instance.groups if not reverse else instance.user_set).values_list("pk", flat=True)
        )
    elif action not in ("post_add", "post_remove"):
        return
    if not pk_set:
        return
    User = get_user_model()
    if reverse:  # group.user_set.add(...): instance is the role
        pairs = [(user, instance) for user in User.objects.filter(pk__in=pk_set)]
    else:
        pairs = [(instance, group) for group in Group.objects.filter(pk__in=pk_set)]
    audited = actions.ROLE_GRANTED if action == "post_add" else actions.ROLE_REVOKED
    unit = unit_of_current_schema()
    for user, group in pairs:
        record(audited, unit=unit, target=user.get_username(), details={"role": group.name})


def _on_user_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and "is_superuser" not in update_fields:
        return  # e.g. last_login on every sign-in
    was = (
        sender.objects.filter(pk=instance.pk).values_list("is_superuser", flat=True).first()
        if instance.pk
        else False
    )
    if bool(was) == bool(instance.is_superuser):
        return
    audited = (
        actions.NETWORK_ADMIN_ADDED if instance.is_superuser else actions.NETWORK_ADMIN_REMOVED
    )
    record(audited, target=instance.get_username())


def _on_two_factor_reset(sender, user, devices_removed, **kwargs):
    record(
        actions.TWO_FACTOR_RESET,
        target=user.get_username(),
        details={"devices_removed": devices_removed},
    )


def connect() -> None:
    User = get_user_model()
    unit_schema_ready.connect(_on_unit_ready, dispatch_uid="portal_audit_unit_ready")
    unit_lifecycle_changed.connect(_on_lifecycle, dispatch_uid="portal_audit_lifecycle")
    m2m_changed.connect(
        _on_roles_changed, sender=User.groups.through, dispatch_uid="portal_audit_roles"
    )
    pre_save.connect(_on_user_saved, sender=User, dispatch_uid="portal_audit_network_admins")
    two_factor_reset.connect(_on_two_factor_reset, dispatch_uid="portal_audit_two_factor_reset")
