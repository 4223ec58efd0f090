"""The background worker's pass: check the signatures of files waiting for it.

Files are read outside any transaction (a large PDF may take a while); the
finding is stored, and the ledger rows of the documents attaching the file
re-derived, in a short transaction per file, only if the file was not marked
again meanwhile (then the next pass reads it again).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django_tenants.utils import schema_context
from wagtail.documents import get_document_model

from portal.publications.ledger import UnitLedger
from sites import page_cache
from sites.models import DocumentPage

from . import signatures, trust
from .models import DocumentSignature

logger = logging.getLogger(__name__)

BATCH = 20


@dataclass
class CheckReport:
    checked: int = 0
    failed: int = 0


def check_pending(limit: int | None = None) -> CheckReport:
    """Check marked files, oldest mark first, until none is left (or `limit` files)."""
    report = CheckReport()
    roots = trust.roots()
    seen: set[int] = set()
    while limit is None or len(seen) < limit:
        batch = list(
            DocumentSignature.objects.filter(pending=True)
            .exclude(pk__in=seen)
            .select_related("unit")
            .order_by("pk")[:BATCH]
        )
        if not batch:
            break
        for row in batch:
            seen.add(row.pk)
            try:
                _check(row, roots)
                report.checked += 1
            except Exception:  # one broken file must never stop the worker; the log keeps it
                logger.exception(
                    "Signature of file %s in %s not checked.", row.document_id, row.unit
                )
                report.failed += 1
    return report


def _check(row: DocumentSignature, roots) -> None:
    with schema_context(row.unit.schema_name):
        document = get_document_model().objects.filter(pk=row.document_id).first()
        if document is None:
            row.delete()
            return
        with document.file.open("rb") as source:
            finding = signatures.examine(source, roots)
        with transaction.atomic():
            updated = DocumentSignature.objects.filter(pk=row.pk, generation=row.generation).update(
                status=finding.status,
                signer=finding.signer,
                signed_at=finding.signed_at,
                pending=False,
                checked_at=timezone.now(),
            )
            if updated:
                page_cache.invalidate_unit(row.unit.schema_name)
                ledger = UnitLedger(row.unit)
                for page in DocumentPage.objects.filter(attachments__document=document).distinct():
                    ledger.sync(page)
