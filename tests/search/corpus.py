"""Ledger rows written straight into the ledger, as the ledger writer would, for search tests."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from portal.publications.models import Publication

_object_ids = itertools.count(900_000)


def publish(unit, title: str, *, kind: str = "document", **fields) -> Publication:
    """A live ledger row of `unit` (a document unless `kind` says otherwise)."""
    object_id = next(_object_ids)
    published_at = fields.pop("published_at", timezone.now())
    values = dict(
        url=f"https://{unit.primary_domain()}/van-ban/{object_id}/",
        summary="",
        body_text="",
        published_at=published_at,
        updated_at=published_at,
    )
    if kind == "document":
        values.update(
            doc_type="Thông báo",
            issuer=f"Ban Thường vụ {unit.name}",
            issued=datetime.date(2025, 5, 1),
        )
    values.update(fields)
    return Publication.objects.create(
        unit=unit, kind=kind, object_id=object_id, title=title, **values
    )


def titles(results) -> list[str]:
    return [hit.title for hit in results.hits]
