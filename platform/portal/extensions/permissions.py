"""Who may change which plugin where: network administrators anything, unit administrators
what the network allows them in their own unit."""

from __future__ import annotations

from portal.accounts import access
from portal.tenancy.models import Unit

from .meta import PluginConfig
from .models import PluginActivation


def may_change(user, action: str, plugin: PluginConfig, unit: Unit) -> bool:
    """Whether `user` may apply `action` to `plugin` in `unit`. Call in `unit`'s schema.

    A unit administrator may enable a plugin the network allowed for the unit,
    and disable any plugin active in it; allowing is the network's decision.
    """
    if access.is_network_admin(user):
        return True
    if action not in ("enable", "disable") or not access.ADMINISTER_UNIT.held_by(user, unit):
        return False
    row = PluginActivation.objects.filter(unit=unit, plugin=plugin.label).first()
    if action == "enable":
        return row is not None and row.allowed
    return row is not None and row.active
