"""Briefs of the units below this one, read from the network ledger (never other schemas)."""

from __future__ import annotations

from portal.publications.models import Publication, PublicationStatus

KIND = "video-brief"


def briefs_below(unit, limit: int = 12) -> list[Publication]:
    """The latest live briefs of `unit`'s descendants, newest first, each with its unit."""
    if unit is None or not hasattr(unit, "path"):
        return []
    return list(
        Publication.objects.filter(
            kind=KIND,
            status=PublicationStatus.LIVE,
            unit__path__startswith=unit.path,
            unit__depth__gt=unit.depth,
        )
        .select_related("unit")
        .order_by("-published_at", "-pk")[:limit]
    )
