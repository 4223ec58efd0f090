"""Signals whose receivers in plugins run only for units where their plugin is active.

`UnitPluginSignal` is a Django Signal sent with a Unit as `sender` (or None
for the unit whose schema is current). Contract:
- a receiver defined in a plugin's package runs only if that plugin is active
  in the sender unit; receivers from the core and sites always run;
- receivers are connected without `sender` (they filter on the unit, not the
  other way round);
- `send` propagates receivers' exceptions; `send_robust` collects them.

Signals sent by the platform:
- `page_published`: a page was published in a unit. Arguments: sender (the
  Unit), page (the specific page). Sent in the unit's schema, in the
  publishing transaction.
"""

from __future__ import annotations

from django.dispatch import Signal
from wagtail.signals import page_published as wagtail_page_published

from portal.publications.units import current_unit

from . import activation, ledger
from .registry import plugin_of_module


class UnitPluginSignal(Signal):
    """A signal that reaches plugin receivers only in units where their plugin is active."""

    def _live_receivers(self, sender):
        sync_receivers, async_receivers = super()._live_receivers(sender)
        active = activation.active_labels(sender)

        def reaches(receiver) -> bool:
            target = getattr(receiver, "__func__", receiver)
            plugin = plugin_of_module(getattr(target, "__module__", "") or "")
            return plugin is None or plugin.label in active

        return (
            [r for r in sync_receivers if reaches(r)],
            [r for r in async_receivers if reaches(r)],
        )


page_published = UnitPluginSignal()


def relay_page_published(sender, instance, **kwargs):
    unit = current_unit()
    if unit is not None:
        page_published.send(sender=unit, page=instance.specific)


def connect() -> None:
    wagtail_page_published.connect(relay_page_published, dispatch_uid="extensions-published")
    activation.plugin_switched.connect(ledger.follow_activation, dispatch_uid="extensions-ledger")
