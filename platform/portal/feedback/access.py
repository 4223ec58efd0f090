"""Who may read and answer a unit's feedback, and who may see the senders."""

from __future__ import annotations

from portal.accounts import roles

MODERATOR_ROLES = (roles.SITE_ADMIN, roles.EDITOR)


def can_see_sender(user) -> bool:
    """Only the unit's own editors and site administrators see senders' personal data.

    Network administrators moderate every unit, but a sender's name and
    contacts stay with the unit they wrote to unless they hold a role there.
    """
    return user.is_authenticated and any(role in MODERATOR_ROLES for role in roles.roles_of(user))


def can_moderate(user) -> bool:
    return user.is_authenticated and (user.is_superuser or can_see_sender(user))
