"""Bulk actions for ledger rows: index the visible ones, delete the rest."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from portal.publications.models import Publication

from ..models import SearchEntry
from ..unit_directory import UnitEntry, units
from ..visibility import is_visible
from .documents import LedgerRow, build_source, document_id

logger = logging.getLogger(__name__)

BULK_CHUNK = 500
# No bulk request above this size, however long the rows' attachment text.
BULK_BYTES = 8 * 1024 * 1024


def actions_for(publications: list[Publication], index: str) -> Iterator[dict]:
    """One bulk action per row, in order. Rows need their `unit` loaded."""
    network = units()
    attachments = attachment_texts([p.pk for p in publications if p.attachments])
    for publication in publications:
        if not is_visible(publication):
            schema = network[publication.unit_id].schema_name
            yield {"_op_type": "delete", "_index": index, "_id": document_id(publication, schema)}
            continue
        yield index_action(publication, network, index, attachments.get(publication.pk, ""))


def index_actions(
    rows: list[LedgerRow], index: str, network: dict[int, UnitEntry]
) -> Iterator[dict]:
    """One index action per visible row (a rebuild reads only visible rows)."""
    attachments = attachment_texts([row.id for row in rows if row.has_files])
    for row in rows:
        yield index_action(row, network, index, attachments.get(row.id, ""))


def index_action(
    row: Publication | LedgerRow, network: dict[int, UnitEntry], index: str, attachments_text: str
) -> dict:
    return {
        "_op_type": "index",
        "_index": index,
        "_id": document_id(row, network[row.unit_id].schema_name),
        "_source": build_source(row, network, attachments_text),
    }


def attachment_texts(publication_ids: list[int]) -> dict[int, str]:
    """The text of the rows' files as the background worker stored it (never read here:
    the outbox worker must not hold its row locks while a PDF is parsed or OCR'd)."""
    if not publication_ids:
        return {}
    return dict(
        SearchEntry.objects.filter(publication_id__in=publication_ids).values_list(
            "publication_id", "attachment_text"
        )
    )
