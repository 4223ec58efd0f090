"""The background half of attachment search: read the files of marked rows, store their text.

A ledger write marks its search row (`SearchEntry.attachments_pending`, see
`search.postgres.indexing`); `extract_pending` reads the marked rows' files
outside any transaction (PDF parsing and OCR may take minutes), then stores
the text and clears the mark in a short one, only if the row was not written
again meanwhile (its ledger `version` is unchanged; otherwise it stays marked
and the next run reads the new files). Storing the text also puts the row back
in the Elasticsearch outbox, so that engine gets the text too.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from portal.publications.models import Publication, PublicationStatus

from .attachments import text_for_publication
from .models import SearchEntry
from .outbox import OutboxListener
from .postgres.indexing import ATTACHMENTS_CHANNEL, store_attachment_text

logger = logging.getLogger(__name__)

BATCH = 20
# The follower looks anyway this often: a notification lost with a dropped connection only delays.
FOLLOW_POLL_SECONDS = 10.0
# One extractor at a time (the periodic worker and a follower): files are never read twice at once.
_EXTRACTOR_LOCK = 718_2025

_CLEAR_MARK_SQL = """
UPDATE portal_search_searchentry AS entry SET attachments_pending = false
FROM portal_publications_publication AS p
WHERE p.id = entry.publication_id AND entry.publication_id = %(publication_id)s
  AND p.version = %(version)s
"""


@dataclass
class ExtractionReport:
    stored: int = 0  # rows whose text was stored and mark cleared
    changed: int = 0  # rows written again while their files were read (they stay marked)
    failed: int = 0  # rows whose files could not be read at all (they stay marked)


def extract_pending(limit: int | None = None) -> ExtractionReport:
    """Read the files of marked rows, oldest first, until none is left (or `limit` rows).

    When another extractor is at work, this one leaves the rows to it (it drains
    until none is left, and is woken again by rows marked meanwhile)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [_EXTRACTOR_LOCK])
        if not cursor.fetchone()[0]:
            return ExtractionReport()
    try:
        return _extract_marked(limit)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_EXTRACTOR_LOCK])


def follow(stop: threading.Event) -> None:
    """Extract at once whenever a row is marked (LISTEN), and at least every
    FOLLOW_POLL_SECONDS, until `stop` is set."""
    with OutboxListener(ATTACHMENTS_CHANNEL) as marked:
        while not stop.is_set():
            try:
                report = extract_pending()
            except DatabaseError as error:
                logger.warning("Attachment extraction failed (%s); retrying.", error)
                connection.close()
                stop.wait(FOLLOW_POLL_SECONDS)
                continue
            if report.stored:
                logger.info("Attachment text stored for %s rows.", report.stored)
            marked.wait(FOLLOW_POLL_SECONDS)


def _extract_marked(limit: int | None) -> ExtractionReport:
    report = ExtractionReport()
    seen: set[int] = set()
    while limit is None or len(seen) < limit:
        ids = list(
            SearchEntry.objects.filter(attachments_pending=True)
            .exclude(publication_id__in=seen)
            .order_by("publication_id")
            .values_list("publication_id", flat=True)[:BATCH]
        )
        if not ids:
            break
        for row in Publication.objects.select_related("unit").filter(pk__in=ids):
            seen.add(row.pk)
            outcome = _extract(row)
            setattr(report, outcome, getattr(report, outcome) + 1)
        seen.update(ids)  # rows gone meanwhile (cascade) are not looked for again
    return report


def _extract(row: Publication) -> str:
    """ "stored", "changed" or "failed" (the fields of ExtractionReport)."""
    try:
        text = text_for_publication(row) if row.status == PublicationStatus.LIVE else ""
    except Exception:  # a broken file must never stop the worker; the log keeps it
        logger.exception("Attachment text of publication %s could not be read.", row.pk)
        return "failed"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM portal_publications_publication"
            " WHERE id = %s AND version = %s FOR UPDATE",
            [row.pk, row.version],
        )
        if cursor.fetchone() is None:
            return "changed"
        store_attachment_text(row.pk, text)
        cursor.execute(_CLEAR_MARK_SQL, {"publication_id": row.pk, "version": row.version})
        Publication.objects.filter(pk=row.pk).update(index_pending=True, changed_at=timezone.now())
    return "stored"
