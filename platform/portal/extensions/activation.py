"""Turning plugins on and off per unit, and knowing, cheaply, which are on where.

The state lives in `PluginActivation` (public schema). What is active in the
unit whose schema is current is cached under that schema's own cache keys
(the cache key function prefixes the schema), and dropped whenever the
unit's state changes, both at once and when the change commits.

Actions (`ACTIONS`):
- enable: turn on; also allows the unit's administrators to turn it on again.
- disable: turn off; the data stays and comes back when enabled again.
- allow: let the unit's administrators turn it on themselves.
- disallow: take that permission back and turn the plugin off.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection, transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name, schema_context, tenant_context

from portal import audit
from portal.tenancy.models import Unit

from . import registry
from .meta import PluginConfig
from .models import PluginActivation

CACHE_KEY = "portal:active-plugins"
CACHE_SECONDS = 3600
ACTIONS = ("enable", "disable", "allow", "disallow")


class ActivationRefused(Exception):
    """The plugin cannot be turned on for this unit; the message says why (Vietnamese)."""


def active_labels(unit: Unit | None = None) -> frozenset[str]:
    """App labels of the plugins active in `unit` (default: the current schema's unit).

    Outside any unit (public or template schema) nothing is active.
    """
    if unit is None or unit.schema_name == connection.schema_name:
        return _active_in_current_schema()
    return _query(pk=unit.pk)


def is_active(plugin: PluginConfig | str, unit: Unit | None = None) -> bool:
    """Whether `plugin` (a PluginConfig or its label) is active in `unit` (default: current)."""
    label = plugin if isinstance(plugin, str) else plugin.label
    return label in active_labels(unit)


def units_with(plugin_label: str) -> list[Unit]:
    """The units where the plugin is active, in tree order."""
    return list(
        Unit.objects.filter(
            plugin_activations__plugin=plugin_label, plugin_activations__active=True
        ).order_by("path")
    )


def _active_in_current_schema() -> frozenset[str]:
    schema = connection.schema_name
    if schema == get_public_schema_name():
        return frozenset()
    labels = cache.get(CACHE_KEY)
    if labels is None:
        labels = _query(schema_name=schema)
        cache.set(CACHE_KEY, labels, CACHE_SECONDS)
    return labels


def _query(**unit) -> frozenset[str]:
    lookup = {f"unit__{name}": value for name, value in unit.items()}
    return frozenset(
        PluginActivation.objects.filter(active=True, **lookup).values_list("plugin", flat=True)
    )


def forget(unit: Unit) -> None:
    """Drop the cached state of `unit`, now and again when the current transaction commits."""

    def drop():
        with schema_context(unit.schema_name):
            cache.delete(CACHE_KEY)

    drop()
    transaction.on_commit(drop)


# --- Changing the state ----------------------------------------------------------------------


def check_suits(plugin: PluginConfig, unit: Unit) -> None:
    """ActivationRefused unless `unit` is active and of a level the plugin suits."""
    if not unit.is_active:
        raise ActivationRefused(_("%(unit)s đã được lưu trữ.") % {"unit": unit.name})
    if not plugin.meta.suits(unit.level.code):
        raise ActivationRefused(
            _("Mô-đun %(plugin)s không dành cho cấp %(level)s.")
            % {"plugin": plugin.meta.name, "level": unit.level.name}
        )


def change(action: str, plugin: PluginConfig, unit: Unit, by=None) -> bool:
    """Apply `action` (see ACTIONS) to `plugin` in `unit`; True if anything changed.

    One transaction: the row, the plugin's lifecycle callback and the ledger
    rows of its kinds change together or not at all. Raises ActivationRefused
    (enable, allow) when the plugin does not suit the unit.
    """
    if action not in ACTIONS:
        raise ValueError(f"Unknown action {action!r}; expected one of {', '.join(ACTIONS)}.")
    if action in ("enable", "allow"):
        check_suits(plugin, unit)
    try:
        with transaction.atomic():
            row, _created = PluginActivation.objects.select_for_update().get_or_create(
                unit=unit, plugin=plugin.label
            )
            wanted = {
                "enable": {"active": True, "allowed": True},
                "disable": {"active": False},
                "allow": {"allowed": True},
                "disallow": {"active": False, "allowed": False},
            }[action]
            switched = "active" in wanted and wanted["active"] != row.active
            if all(getattr(row, name) == value for name, value in wanted.items()):
                return False
            for name, value in wanted.items():
                setattr(row, name, value)
            row.changed_by = by
            row.save()
            audit.record(f"plugin.{action}", unit=unit, target=plugin.label, details=wanted)
            forget(unit)
            if switched:
                _run_lifecycle(plugin, unit, row.active)
            return True
    except BaseException:
        forget(unit)  # a rolled-back change may have been cached meanwhile
        raise


# Sent with `plugin`, `unit` and `active` after a plugin was switched on or off in a unit,
# in the unit's schema and inside the change's transaction (the ledger follows it).
plugin_switched = Signal()


def _run_lifecycle(plugin: PluginConfig, unit: Unit, active: bool) -> None:
    with tenant_context(unit):
        if active:
            plugin.on_enable(unit)
        else:
            plugin.on_disable(unit)
        plugin_switched.send(sender=type(plugin), plugin=plugin, unit=unit, active=active)


@dataclass
class Outcome:
    """What a bulk change did, unit by unit."""

    changed: list[Unit] = field(default_factory=list)
    unchanged: list[Unit] = field(default_factory=list)
    refused: list[tuple[Unit, str]] = field(default_factory=list)


def change_many(action: str, plugin: PluginConfig, units: Iterable[Unit], by=None) -> Outcome:
    """`change` for each unit, each in its own transaction; refusals are collected, not raised."""
    outcome = Outcome()
    for unit in units:
        try:
            changed = change(action, plugin, unit, by=by)
        except ActivationRefused as refusal:
            outcome.refused.append((unit, str(refusal)))
        else:
            (outcome.changed if changed else outcome.unchanged).append(unit)
    return outcome


def scope(root: Unit, descendants: bool, level: str | None = None) -> list[Unit]:
    """The units a bulk change reaches: `root`, or its subtree, optionally of one level only.

    "All communes of district X" is scope(X, descendants=True, level="commune").
    """
    units = Unit.get_tree(root) if descendants else Unit.objects.filter(pk=root.pk)
    units = units.select_related("level")
    if level:
        units = units.filter(level__code=level)
    return list(units)


def plugin_by_label(label: str) -> PluginConfig:
    """registry.get, re-raised as ActivationRefused with a Vietnamese message."""
    try:
        return registry.get(label)
    except LookupError:
        raise ActivationRefused(_("Không có mô-đun %(label)s.") % {"label": label}) from None
