"""Withdrawing a document from the portal ("Gỡ văn bản khỏi cổng").

A deliberate act of an editor, for a document that must no longer be public
(found classified after publication, issued in error): the page is
unpublished, its attached files are deleted from storage (links to them then
answer 404) and the act is recorded in the network's audit log. The page
stays as a draft with its metadata, so the registry keeps track of it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from portal import audit
from portal.audit.actions import DOCUMENT_WITHDRAWN
from portal.audit.log import unit_of_current_schema

from .models import DocumentPage


def may_withdraw(page: DocumentPage, user) -> bool:
    """Who may publish the document may take it off the portal (editors, not contributors)."""
    return page.permissions_for_user(user).can_publish()


def withdraw(page: DocumentPage, user) -> list[str]:
    """Unpublish the page, delete its files from storage, record it; the deleted names."""
    if not may_withdraw(page, user):
        raise PermissionDenied
    documents = [item.document for item in page.attachments.select_related("document")]
    with transaction.atomic():
        if page.live:
            page.unpublish(user=user, log_action=True)
        audit.record(
            DOCUMENT_WITHDRAWN,
            unit=unit_of_current_schema(),
            target=page.number or page.title,
            details={"page": page.pk, "files": [document.filename for document in documents]},
        )
    deleted = []
    for document in documents:
        if document.file.name and document.file.storage.exists(document.file.name):
            document.file.storage.delete(document.file.name)
            deleted.append(document.file.name)
    return deleted
