"""Who reads which report: a unit's editors and administrators its own; the network's, all."""

from __future__ import annotations

from portal.accounts import roles

READER_ROLES = (roles.SITE_ADMIN, roles.EDITOR)


def can_read_unit_report(user) -> bool:
    """In the current unit's schema: its site administrators and editors, network administrators."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or any(role in READER_ROLES for role in roles.roles_of(user))


def can_read_network_report(user) -> bool:
    return user.is_authenticated and user.is_superuser
