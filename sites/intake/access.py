"""Who may manage the intake: one place, so the network's access module can take it over."""

from portal.extensions.permissions import is_network_admin, is_unit_admin


def can_manage_tokens(user) -> bool:
    """The current unit's site administrators and network administrators."""
    return is_unit_admin(user)


def can_manage_trust_roots(user) -> bool:
    return is_network_admin(user)
