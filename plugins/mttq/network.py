"""A body's news across the network, read from the ledger (never from other schemas)."""

from __future__ import annotations

from portal.publications.models import Publication, PublicationStatus

KIND = "org-news"


def network_news(unit, body: str, limit: int = 20) -> list[Publication]:
    """Live news of `body` (a code of bodies.BODIES) in `unit` and every unit below it."""
    if unit is None or not hasattr(unit, "path"):
        return []
    return list(
        Publication.objects.filter(
            kind=KIND,
            status=PublicationStatus.LIVE,
            doc_type=body,
            unit__path__startswith=unit.path,
        )
        .select_related("unit")
        .order_by("-published_at", "-pk")[:limit]
    )
