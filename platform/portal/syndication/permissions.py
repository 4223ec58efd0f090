"""Who may syndicate for a unit: its editors and site administrators, and network administrators."""

from __future__ import annotations

from portal.accounts import roles

SYNDICATING_ROLES = {roles.SITE_ADMIN, roles.EDITOR}


def may_syndicate(user) -> bool:
    """Whether `user` edits for the unit whose schema is active (call inside it)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or bool(SYNDICATING_ROLES & set(roles.roles_of(user)))
