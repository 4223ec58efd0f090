"""The latest news of the units below one unit ("Tin cơ sở"), read from the ledger and cached.

The cache key carries the unit, the editor's choices and the change mark of the
unit's subtree, so any ledger write below the unit makes the next render
read the ledger again; nothing is ever deleted from the cache by hand.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.core.cache import cache

from portal.publications.models import Publication, PublicationStatus
from portal.tenancy.models import Unit, UnitStatus

from . import marks

CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Selection:
    """What an aggregated block shows; empty lists mean "all"."""

    only_children: bool = False
    levels: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ("article",)
    count: int = 8

    def key(self) -> str:
        payload = json.dumps(
            [
                self.only_children,
                sorted(self.levels),
                sorted(self.units),
                sorted(self.sections),
                sorted(self.kinds),
                self.count,
            ]
        )
        return hashlib.sha1(payload.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Item:
    """One aggregated news item, as the block template shows it."""

    title: str
    url: str
    summary: str
    image_url: str
    published_at: object
    unit_name: str
    unit_code: str
    section_title: str = ""


def below(unit: Unit, selection: Selection):
    """The active units below `unit` the selection admits (children only, levels, codes)."""
    units = Unit.objects.filter(
        path__startswith=unit.path, depth__gt=unit.depth, status=UnitStatus.ACTIVE
    )
    if selection.only_children:
        units = units.filter(depth=unit.depth + 1)
    if selection.levels:
        units = units.filter(level__code__in=selection.levels)
    if selection.units:
        units = units.filter(code__in=selection.units)
    return units


def query(unit: Unit, selection: Selection) -> list[Item]:
    """Read the ledger: the newest live rows of the selected units below `unit`."""
    unit_ids = list(below(unit, selection).values_list("pk", flat=True))
    if not unit_ids:
        return []
    rows = Publication.objects.filter(status=PublicationStatus.LIVE, unit_id__in=unit_ids)
    if selection.kinds:
        rows = rows.filter(kind__in=selection.kinds)
    if selection.sections:
        rows = rows.filter(section_title__in=selection.sections)
    rows = (
        rows.select_related("unit")
        .only(
            "title",
            "url",
            "summary",
            "image_url",
            "published_at",
            "section_title",
            "unit__name",
            "unit__code",
        )
        .order_by("-published_at", "-pk")[: selection.count]
    )
    return [
        Item(
            title=row.title,
            url=row.url,
            summary=row.summary,
            image_url=row.image_url,
            published_at=row.published_at,
            unit_name=row.unit.name,
            unit_code=row.unit.code,
            section_title=row.section_title,
        )
        for row in rows
    ]


def cache_key(unit: Unit, selection: Selection, *parts: str) -> str:
    """A key that changes whenever the ledger below `unit` changes (not with its own rows)."""
    mark = marks.read(marks.below_scope(unit))
    return ":".join(
        ["syndication:aggregate", str(unit.pk), selection.key(), str(mark.counter), *parts]
    )


def latest(unit: Unit, selection: Selection) -> list[Item]:
    """`query`, served from the cache while nothing changed below `unit`."""
    key = cache_key(unit, selection)
    items = cache.get(key)
    if items is None:
        items = query(unit, selection)
        cache.set(key, items, CACHE_SECONDS)
    return items
