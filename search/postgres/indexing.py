"""Keeping the PostgreSQL search rows current.

Ledger columns reach the search rows through a trigger, in the same
transaction as the ledger write (see `search.postgres.sql`). Attachment text
is extracted by `search.attachments` (cached there, once per file version)
once the ledger write has committed, so publishing never waits for it.
"""

from __future__ import annotations

import importlib.util
import logging

from django.db import connection, transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from portal.publications.models import Publication, PublicationStatus

from .sql import STORE_ATTACHMENT_TEXT_SQL

logger = logging.getLogger(__name__)


def store_attachment_text(publication_id: int, text: str) -> None:
    """Make the attachment text of one ledger row searchable (replacing any earlier text)."""
    with connection.cursor() as cursor:
        cursor.execute(STORE_ATTACHMENT_TEXT_SQL, {"publication_id": publication_id, "text": text or ""})


def attachment_text(publication: Publication) -> str:
    """The text of the row's attached files, if the attachment extractor is installed."""
    if importlib.util.find_spec("search.attachments") is None:
        return ""
    from search.attachments import text_for_publication

    return text_for_publication(publication) or ""


def refresh_attachment_text(publication_id: int) -> None:
    publication = Publication.objects.filter(pk=publication_id).first()
    if publication is None or publication.status != PublicationStatus.LIVE:
        return
    try:
        text = attachment_text(publication)
    except Exception:  # a broken file must never break publishing; the log keeps it
        logger.exception("Attachment text of publication %s could not be read.", publication_id)
        return
    store_attachment_text(publication_id, text)


@receiver(post_save, sender=Publication, dispatch_uid="search_attachment_text")
def _attachments_changed(sender, instance: Publication, **kwargs) -> None:
    if instance.attachments and instance.status == PublicationStatus.LIVE:
        transaction.on_commit(lambda: refresh_attachment_text(instance.pk))
