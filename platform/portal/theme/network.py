"""Links up and down the network: the parent unit's portal and the child units' portals."""

from __future__ import annotations

from dataclasses import dataclass

from portal.tenancy.addresses import portal_url
from portal.tenancy.models import Domain, Unit, UnitStatus


@dataclass(frozen=True)
class PortalLink:
    """A unit's name and the address of its portal."""

    name: str
    url: str


@dataclass(frozen=True)
class Neighbours:
    parent: PortalLink | None
    children: list[PortalLink]


def neighbours(unit: Unit, request) -> Neighbours:
    """The active parent and children of `unit` that have a primary domain.

    `unit` is the routing middleware's copy of a cached row: its path is
    current (moves invalidate the routing cache) but nothing else cached on it
    is trusted, hence `update=True`. The Unit tree lives in the public schema,
    reachable from a unit's schema through the search_path.
    """
    parent = unit.get_parent(update=True)
    if parent is not None and parent.status != UnitStatus.ACTIVE:
        parent = None
    children = list(unit.get_children().filter(status=UnitStatus.ACTIVE))
    relatives = [u for u in (parent, *children) if u is not None]
    primary = Domain.objects.filter(tenant__in=relatives, is_primary=True)
    domains = dict(primary.values_list("tenant_id", "domain"))

    def link(relative: Unit) -> PortalLink | None:
        domain = domains.get(relative.pk)
        return PortalLink(relative.name, portal_url(domain, request)) if domain else None

    return Neighbours(
        parent=link(parent) if parent is not None else None,
        children=[c for c in map(link, children) if c is not None],
    )
