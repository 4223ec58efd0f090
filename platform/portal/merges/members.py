"""Editors of a merged unit get the same roles in the survivor and none left in the old unit."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django_tenants.utils import schema_context

from portal.accounts import roles
from portal.accounts.membership.models import UnitPermission, UnitRole


def members_of(schema: str) -> list[tuple[int, str]]:
    """(user id, role name) of every role held in the unit."""
    with schema_context(schema):
        return list(
            UnitRole.objects.filter(group__name__in=roles.ALL)
            .order_by("user_id", "group__name")
            .values_list("user_id", "group__name")
        )


def move_members(source_schema: str, target_schema: str) -> int:
    """Grant each member's roles in the target (the same roles, never another) and clear
    every role and permission in the source. Returns how many people moved."""
    held = members_of(source_schema)
    with schema_context(source_schema):
        UnitRole.objects.all().delete()
        UnitPermission.objects.all().delete()
    with schema_context(target_schema):
        groups = {group.name: group for group in Group.objects.filter(name__in=roles.ALL)}
        for user_id, role in held:
            UnitRole.objects.get_or_create(user_id=user_id, group=groups[role])
    return len({user_id for user_id, _ in held})
