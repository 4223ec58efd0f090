"""Ledger kinds of plugins: their pages reach the network ledger only where they are active.

Use `register_kind` instead of portal.publications.registry.register for a
plugin's page types. Contract:
- while the plugin is active in a unit, its pages of that kind are written to
  the ledger like articles (syndication, aggregation and search follow);
- anywhere else the builder is not called and the page gets no live row;
- turning the plugin off in a unit withdraws that unit's rows of the kind;
  turning it on again re-derives them from the pages, which were kept.
"""

from __future__ import annotations

from wagtail.models import Page

from portal.publications import registry as ledger_registry
from portal.publications.ledger import UnitLedger
from portal.publications.models import Publication, PublicationStatus
from portal.publications.registry import EntryBuilder, Kind
from portal.tenancy.models import Unit

from . import activation
from .meta import PluginConfig
from .registry import plugin_of_model


def register_kind(model: type[Page], kind: str, label: str, build_entry: EntryBuilder) -> Kind:
    """Register `model` as ledger kind `kind` (see registry.register), gated by activation.

    `model` must belong to a plugin app. Call from the plugin's ready().
    """
    plugin = plugin_of_model(model)
    if plugin is None:
        raise ValueError(f"{model.__name__} does not belong to a plugin app.")

    def build_where_active(page):
        return build_entry(page) if activation.is_active(plugin) else None

    build_where_active.__doc__ = build_entry.__doc__
    return ledger_registry.register(model, kind, label, build_where_active)


def kinds_of(plugin: PluginConfig) -> list[Kind]:
    return [kind for kind in ledger_registry.kinds() if plugin_of_model(kind.model) is plugin]


def follow_activation(sender, plugin: PluginConfig, unit: Unit, **kwargs) -> None:
    """Re-sync (active) or withdraw (inactive) the unit's rows of the plugin's kinds.

    Runs in the unit's schema, inside the activation's transaction.
    """
    kinds = kinds_of(plugin)
    if not kinds:
        return
    ledger = UnitLedger(unit)
    if activation.is_active(plugin, unit):
        for kind in kinds:
            for page in kind.model.objects.exact_type(kind.model).iterator():
                ledger.sync(page)
        return
    live = Publication.objects.filter(
        unit=unit, kind__in=[kind.slug for kind in kinds], status=PublicationStatus.LIVE
    )
    for kind_slug, object_id in live.values_list("kind", "object_id"):
        ledger.set_status(kind_slug, object_id, PublicationStatus.WITHDRAWN)
