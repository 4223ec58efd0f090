"""Which ledger rows may ever appear in search results, and which units a scope covers.

Both engines apply these rules: PostgreSQL at query time, Elasticsearch at
index time (only visible rows are indexed) and at query time (scope units are
active units). A row is visible when it is live (not withdrawn or deleted:
unpublished, expired and restricted pages are withdrawn by the ledger;
classified documents never get a live row) and its unit is active (not
archived).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from portal.publications.models import Publication, PublicationStatus
from portal.tenancy.models import UnitStatus

from .query import SearchQuery
from .unit_directory import UnitEntry


def visible_filter(prefix: str = "") -> Q:
    """The condition on Publication rows (or a relation to them named by `prefix`)."""
    return Q(
        **{f"{prefix}status": PublicationStatus.LIVE, f"{prefix}unit__status": UnitStatus.ACTIVE}
    )


def visible_publications() -> QuerySet[Publication]:
    """Every ledger row that may appear in results."""
    return Publication.objects.filter(visible_filter())


def is_visible(publication: Publication) -> bool:
    """Whether `publication` may appear in results (for indexers deciding row by row)."""
    return (
        publication.status == PublicationStatus.LIVE
        and publication.unit.status == UnitStatus.ACTIVE
    )


def scope_unit_ids(query: SearchQuery, network: dict[int, UnitEntry]) -> list[int]:
    """Ids of the active units the query's scope covers, narrowed by its unit filter.

    "portal": the unit searched from; "subtree": it and every unit below it
    (the treebeard path); "network": every unit. An archived or unknown unit
    searched from covers nothing. `network`: the unit snapshot (`search.unit_directory.units`).
    """
    origin = network.get(query.unit_id)
    if origin is None:
        return []
    if query.scope == "portal":
        covered = [origin]
    elif query.scope == "subtree":
        covered = [unit for unit in network.values() if origin.contains(unit)]
    else:
        covered = list(network.values())
    wanted = set(query.unit_ids)
    return sorted(unit.pk for unit in covered if unit.active and (not wanted or unit.pk in wanted))
