"""Progress of the communes below a unit, read from the ledger (never from other schemas).

A commune's progress row (kind "ntm-progress") carries its count of met
criteria in `doc_number` as "met/total" (e.g. "15/19"), and the year it was
recognised, if any, in `issued`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from portal.publications.models import Publication, PublicationStatus

KIND = "ntm-progress"
COUNT = re.compile(r"^(\d{1,2})/(\d{1,2})$")


@dataclass(frozen=True)
class CommuneProgress:
    row: Publication
    met: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.met / self.total) if self.total else 0

    @property
    def recognised(self) -> bool:
        return self.row.issued is not None


@dataclass(frozen=True)
class Overview:
    communes: list[CommuneProgress]

    @property
    def recognised(self) -> int:
        return sum(1 for commune in self.communes if commune.recognised)

    @property
    def average_met(self) -> float:
        if not self.communes:
            return 0.0
        return round(sum(c.met for c in self.communes) / len(self.communes), 1)


def overview(unit) -> Overview:
    """Every live commune progress row below `unit`, most advanced first."""
    if unit is None or not hasattr(unit, "path"):
        return Overview([])
    rows = Publication.objects.filter(
        kind=KIND,
        status=PublicationStatus.LIVE,
        unit__path__startswith=unit.path,
        unit__depth__gt=unit.depth,
    ).select_related("unit")
    communes = []
    for row in rows:
        match = COUNT.match(row.doc_number)
        if match:
            communes.append(CommuneProgress(row, int(match[1]), int(match[2])))
    communes.sort(key=lambda c: (-c.met, c.row.unit.name))
    return Overview(communes)
