"""The roles a person can hold in a unit, and how they are granted.

Roles are Django groups inside each unit's schema, created by the data
migration portal_membership.0002 (so the template schema, and every unit
cloned from it, has them). Their names are what editors see.
"""

from __future__ import annotations

from django.contrib.auth.models import Group

SITE_ADMIN = "Quản trị viên"
EDITOR = "Biên tập viên"
CONTRIBUTOR = "Cộng tác viên"
ALL = (SITE_ADMIN, EDITOR, CONTRIBUTOR)


def grant(user, role: str) -> None:
    """Give `user` the role in the current unit (call inside its schema)."""
    user.groups.add(Group.objects.get(name=role))


def revoke(user, role: str) -> None:
    user.groups.remove(Group.objects.get(name=role))


def roles_of(user) -> list[str]:
    """The user's roles in the current unit."""
    return list(user.groups.filter(name__in=ALL).values_list("name", flat=True))
