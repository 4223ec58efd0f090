"""Ledger rows as Elasticsearch documents."""

from __future__ import annotations

import datetime
from typing import NamedTuple

from django.utils import timezone

from portal.publications.models import Publication

from ..text import doc_number_key
from ..unit_directory import UnitEntry


def document_id(publication: Publication | LedgerRow, schema_name: str) -> str:
    """`<schema>:<kind>:<object id>`: stable across ledger rebuilds and index rebuilds."""
    return f"{schema_name}:{publication.kind}:{publication.object_id}"


class LedgerRow(NamedTuple):
    """The ledger columns a document is built from, read as plain rows for bulk loads
    (a model instance per row costs more than the rest of building its document)."""

    id: int
    unit_id: int
    kind: str
    object_id: int
    title: str
    summary: str
    body_text: str
    url: str
    doc_number: str
    doc_type: str
    issuer: str
    issued: datetime.date | None
    published_at: datetime.datetime
    signature_status: str
    has_files: bool


def build_source(
    publication: Publication | LedgerRow, units: dict[int, UnitEntry], attachments_text: str
) -> dict:
    """The `_source` of one visible row, with the fields of PublicationDocument.

    A plain dict, not a Document instance: bulk loads build hundreds of
    thousands of these, and the mapping already says what each field is.
    """
    unit = units[publication.unit_id]
    day = publication.issued or timezone.localtime(publication.published_at).date()
    return dict(
        publication_id=publication.id,
        unit_id=unit.pk,
        unit_name=unit.name,
        unit_ancestor_ids=list(unit.ancestor_ids),
        unit_path=unit.path,
        level=unit.level_code,
        kind=publication.kind,
        title=publication.title,
        summary=publication.summary,
        body=publication.body_text,
        attachments_text=attachments_text,
        url=publication.url,
        doc_number=publication.doc_number,
        doc_key=doc_number_key(publication.doc_number),
        doc_type=publication.doc_type,
        issuer=publication.issuer,
        signature_valid=publication.signature_status == "valid",
        issued=publication.issued.isoformat() if publication.issued else None,
        published_at=publication.published_at.isoformat(),
        day=day.isoformat(),
        year=day.year,
    )
