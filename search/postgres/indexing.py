"""Keeping the search rows current.

Ledger columns reach the search rows through a trigger, in the same
transaction as the ledger write (see `search.postgres.sql`). Attached files
are not read then: the write only marks the row (`attachments_pending`), and
the background worker (`manage.py search_attachments`, run by `run_periodic`,
or `--follow`, woken by a notification) extracts their text later
(`search.attachment_queue`), so publishing never waits for PDF parsing or OCR.
"""

from __future__ import annotations

from django.db import connection
from django.db.models.signals import post_save
from django.dispatch import receiver

from portal.publications.models import Publication, PublicationStatus
from portal.syndication import marks

from .sql import STORE_ATTACHMENT_TEXT_SQL

# Channel that wakes the attachment worker (`search_attachments --follow`) when a row is marked.
ATTACHMENTS_CHANNEL = "portal_search_attachments"

# Rows with files to read, and rows whose files are gone but whose old text is still searched.
# The notification reaches listeners when the transaction commits (never for a rollback).
MARK_ATTACHMENTS_PENDING_SQL = f"""
WITH marked AS (
  UPDATE portal_search_searchentry SET attachments_pending = true
  WHERE publication_id = %(publication_id)s AND (%(has_files)s OR attachment_text <> '')
  RETURNING publication_id
)
SELECT pg_notify('{ATTACHMENTS_CHANNEL}', '') FROM marked
"""


def store_attachment_text(publication_id: int, text: str) -> None:
    """Make the attachment text of one ledger row searchable (replacing any earlier text)."""
    with connection.cursor() as cursor:
        cursor.execute(
            STORE_ATTACHMENT_TEXT_SQL, {"publication_id": publication_id, "text": text or ""}
        )
    # What a search finds changed: the network's kept results go (search.result_cache).
    marks.bump([marks.NETWORK])


@receiver(post_save, sender=Publication, dispatch_uid="search_attachment_text")
def _attachments_changed(sender, instance: Publication, **kwargs) -> None:
    if instance.status != PublicationStatus.LIVE:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            MARK_ATTACHMENTS_PENDING_SQL,
            {"publication_id": instance.pk, "has_files": bool(instance.attachments)},
        )
