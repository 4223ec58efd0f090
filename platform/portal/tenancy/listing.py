"""The network's units as plain data, in tree order (for the CLI and exports)."""

from __future__ import annotations

from .models import Domain, Unit
from .notes import notes_for


def unit_rows() -> list[dict]:
    units = list(Unit.objects.select_related("level").order_by("path"))
    by_path = {unit.path: unit for unit in units}
    domains: dict[int, list[tuple[bool, str]]] = {}
    for domain in Domain.objects.all():
        domains.setdefault(domain.tenant_id, []).append((not domain.is_primary, domain.domain))
    notes = notes_for(units)
    rows = []
    for unit in units:
        parent = by_path.get(unit.path[: -Unit.steplen]) if unit.depth > 1 else None
        rows.append(
            {
                "code": unit.code,
                "name": unit.name,
                "level": unit.level.code,
                "parent": parent.code if parent else None,
                "status": unit.status,
                "domains": [name for _, name in sorted(domains.get(unit.pk, []))],
                "schema": unit.schema_name,
                "depth": unit.depth,
                "notes": notes.get(unit.pk, {}),
            }
        )
    return rows
