"""Bulk actions for ledger rows: index the visible ones, delete the rest."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from portal.publications.models import Publication

from ..attachments import text_for_publication
from ..visibility import is_visible
from .documents import UnitDirectory, build_source, document_id

logger = logging.getLogger(__name__)

BULK_CHUNK = 500


def actions_for(publications: list[Publication], index: str) -> Iterator[dict]:
    """One bulk action per row, in order. Rows need their `unit` loaded."""
    units = UnitDirectory()
    for publication in publications:
        schema = units.schema_name(publication.unit_id)
        if not is_visible(publication):
            yield {"_op_type": "delete", "_index": index, "_id": document_id(publication, schema)}
            continue
        source = build_source(publication, units, _attachments_text(publication))
        yield {
            "_op_type": "index",
            "_index": index,
            "_id": document_id(publication, schema),
            "_source": source,
        }


def _attachments_text(publication: Publication) -> str:
    if not publication.attachments:
        return ""
    return text_for_publication(publication)
