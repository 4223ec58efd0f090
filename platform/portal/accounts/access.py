"""Who may do what: every access rule of the portal, in one module.

A network administrator is an active superuser: the provincial office, acting
in every unit. Everyone else acts through roles held in one unit (groups in
that unit's schema, see `roles`). A right names the unit roles that hold it
and whether network administrators hold it too; views, hooks and commands ask
`holds` / `require`, or fetch what they act on with `access_object`, which
checks the read right for safe methods and the write right otherwise.

| right | who holds it |
|---|---|
| READ_UNIT_REPORT | the unit's site administrators and editors; network administrators |
| READ_NETWORK_REPORT, SET_EDITORIAL_TARGETS | network administrators |
| MODERATE_FEEDBACK | the unit's site administrators and editors; network administrators |
| SEE_FEEDBACK_SENDER | the unit's site administrators and editors only |
| SYNDICATE | the unit's site administrators and editors; network administrators |
| PUBLISH_WORK_SCHEDULE | the unit's site administrators and editors; network admins |
| ADMINISTER_UNIT (plugins, visitor counter) | the unit's site administrators; network admins |
| MANAGE_WRITING_DESK (desk rules, handbook) | the unit's site admins and editors; network admins |
| READ_HANDBOOK (the contributors' handbook) | every role of the unit; network administrators |
| ADMINISTER_NETWORK (console, merges, audit log, plugins in bulk) | network administrators |
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django_tenants.utils import schema_context

from . import roles

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def is_network_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def roles_in(user, unit) -> frozenset[str]:
    """The roles an active `user` holds in `unit` (read in that unit's schema)."""
    if unit is None or not (user.is_authenticated and user.is_active):
        return frozenset()
    if connection.schema_name == unit.schema_name:
        return frozenset(roles.roles_of(user))
    with schema_context(unit.schema_name):
        return frozenset(roles.roles_of(user))


def has_role(user, unit, *wanted: str) -> bool:
    return not roles_in(user, unit).isdisjoint(wanted)


@dataclass(frozen=True)
class Right:
    """Held by an active person with one of `unit_roles` in the unit, or by network admins."""

    unit_roles: tuple[str, ...] = ()
    network_admins: bool = True

    def held_by(self, user, unit=None) -> bool:
        if self.network_admins and is_network_admin(user):
            return True
        return bool(self.unit_roles) and has_role(user, unit, *self.unit_roles)


READ_UNIT_REPORT = Right((roles.SITE_ADMIN, roles.EDITOR))
READ_NETWORK_REPORT = Right()
SET_EDITORIAL_TARGETS = Right()
MODERATE_FEEDBACK = Right((roles.SITE_ADMIN, roles.EDITOR))
# A sender's name and contacts stay with the unit they wrote to.
SEE_FEEDBACK_SENDER = Right((roles.SITE_ADMIN, roles.EDITOR), network_admins=False)
SYNDICATE = Right((roles.SITE_ADMIN, roles.EDITOR))
# The unit's office (its editors) writes and publishes the leaders' week schedule.
PUBLISH_WORK_SCHEDULE = Right((roles.SITE_ADMIN, roles.EDITOR))
ADMINISTER_UNIT = Right((roles.SITE_ADMIN,))
MANAGE_WRITING_DESK = Right((roles.SITE_ADMIN, roles.EDITOR))
READ_HANDBOOK = Right(roles.ALL)
ADMINISTER_NETWORK = Right()


def may_edit_page(user, page) -> bool:
    """Wagtail's page permissions (the roles' rows and `page_rights`): who may read its draft."""
    return page.permissions_for_user(user).can_edit()


def may_save_page(user, page) -> bool:
    """May edit it and no lock (a person's, or moderation's) holds it for someone else."""
    lock = page.get_lock()
    return may_edit_page(user, page) and not (lock and lock.for_user(user))


def may_add_page_under(user, parent) -> bool:
    return parent.permissions_for_user(user).can_add_subpage()


def current_unit(request):
    """The unit whose portal serves `request` (set by the routing middleware)."""
    return getattr(request, "tenant", None)


def holds(request, right: Right) -> bool:
    """Whether the person making `request` holds `right` in the request's unit."""
    return right.held_by(request.user, current_unit(request))


def require(request, right: Right) -> None:
    if not holds(request, right):
        raise PermissionDenied


def access_object(request, queryset, *, read: Right, write: Right | None = None, **lookup):
    """The object `lookup` finds in `queryset` if the person may act on it, else an error.

    PermissionDenied (403) when the person lacks the right (read for safe
    methods, `write` otherwise) in the request's unit, before any lookup, so a
    refusal says nothing about what exists; Http404 when nothing matches.
    """
    require(request, read if request.method in SAFE_METHODS else write or read)
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as missing:
        raise Http404 from missing
