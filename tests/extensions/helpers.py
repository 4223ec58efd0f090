"""Helpers for plugin tests: turn plugins on per unit, write pages in a unit's schema."""

from __future__ import annotations

from django_tenants.utils import schema_context
from wagtail.models import Page, Site

from portal.extensions import activation, registry


def enable(network, unit_key: str, label: str = "plugin_dummy") -> None:
    activation.change("enable", registry.get(label), network.unit(unit_key))


def disable(network, unit_key: str, label: str = "plugin_dummy") -> None:
    activation.change("disable", registry.get(label), network.unit(unit_key))


def home_of(network, unit_key: str) -> Page:
    with schema_context(network.units[unit_key].schema_name):
        return Site.objects.get(is_default_site=True).root_page.specific


def publish_child(parent: Page, page: Page) -> Page:
    """Add `page` under `parent` and publish it through a revision (call in the unit's schema)."""
    page.live = False
    parent.add_child(instance=page)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)
