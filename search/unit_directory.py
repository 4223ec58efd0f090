"""The network's units as search reads them: tree path, status, name, level, schema, ancestors.

Scopes, facet labels, hit labels and Elasticsearch documents need them, for
hundreds of units at a time. Units change rarely and every change of a unit,
domain or level replaces the routing token (`portal.tenancy.routing`), so
each process keeps one snapshot of the unit table per token instead of
querying it on every search. A search reads the snapshot once and hands it
to the scope, the hits and the facets: reading the token switches to the
public schema, and the three then agree on the same units.
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.tenancy import routing
from portal.tenancy.models import Unit, UnitStatus


@dataclass(frozen=True)
class UnitEntry:
    pk: int
    path: str
    depth: int
    active: bool
    name: str
    level_code: str
    level_name: str
    schema_name: str
    ancestor_ids: tuple[int, ...]  # the unit and every unit above it, from the top

    def contains(self, other: UnitEntry) -> bool:
        """Whether `other` is this unit or below it (the treebeard path)."""
        return other.path.startswith(self.path) and other.depth >= self.depth


# (routing token, {unit id: entry}); replaced whole, so threads never see it half built.
_snapshot: tuple[str, dict[int, UnitEntry]] | None = None


def units() -> dict[int, UnitEntry]:
    """Every unit of the network by id, as of the current routing token."""
    global _snapshot
    token = routing.current_version()
    snapshot = _snapshot
    if snapshot is not None and snapshot[0] == token:
        return snapshot[1]
    rows = list(
        Unit.objects.values_list(
            "pk", "path", "depth", "status", "name", "level__code", "level__name", "schema_name"
        )
    )
    by_path = {row[1]: row[0] for row in rows}
    entries = {
        pk: UnitEntry(
            pk,
            path,
            depth,
            status == UnitStatus.ACTIVE,
            name,
            level_code,
            str(level_name),
            schema_name,
            _ancestor_ids(path, by_path),
        )
        for pk, path, depth, status, name, level_code, level_name, schema_name in rows
    }
    _snapshot = (token, entries)
    return entries


def _ancestor_ids(path: str, by_path: dict[str, int]) -> tuple[int, ...]:
    """Treebeard paths are their ancestors' paths followed by steps of `Unit.steplen`."""
    prefixes = (path[:length] for length in range(Unit.steplen, len(path) + 1, Unit.steplen))
    return tuple(by_path[prefix] for prefix in prefixes if prefix in by_path)
