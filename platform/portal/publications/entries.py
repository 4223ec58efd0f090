"""What a kind's builder returns: the ledger entry of one page.

URLs in an entry may be relative to the unit's portal ("/tin-tuc/bai-a/",
"/media/u_tn/images/a.jpg"); the ledger resolves them against the unit's
primary domain, so builders need not know which unit they run for.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from wagtail.models import Page, WorkflowState


@dataclass(frozen=True)
class Attachment:
    """A downloadable file of an entry (e.g. the PDF of an official document)."""

    title: str
    filename: str
    url: str


@dataclass(frozen=True)
class LedgerEntry:
    """The public description of one page, as syndication and search will see it.

    `published_at` and `updated_at` may be None when the page has never been
    published through Wagtail (imported live); the ledger then keeps the row's
    earlier value, or uses the time of writing for a new row.
    """

    title: str
    url: str
    published_at: datetime.datetime | None
    updated_at: datetime.datetime | None
    summary: str = ""
    body_text: str = ""
    section_id: int | None = None
    section_title: str = ""
    section_url: str = ""
    doc_number: str = ""
    doc_type: str = ""
    issuer: str = ""
    signer: str = ""
    issued: datetime.date | None = None
    effective: datetime.date | None = None
    field: str = ""
    image_url: str = ""
    attachments: tuple[Attachment, ...] = ()
    author: str = ""
    contributor: str = ""
    image_count: int = 0
    video_count: int = 0
    submitted_at: datetime.datetime | None = None
    approved_at: datetime.datetime | None = None
    signature_status: str = ""
    signature_signer: str = ""
    signature_signed_at: datetime.datetime | None = None


def page_path(page: Page) -> str | None:
    """The page's path on its portal ("/tin-tuc/bai-a/"), or None if no site serves it."""
    parts = page.get_url_parts()
    return parts[2] if parts else None


def page_entry(page: Page, **fields) -> LedgerEntry:
    """An entry with what every page has (title, path, publication times) plus `fields`.

    Call only for a page the ledger found routable (it checks before building).
    Keyword arguments are LedgerEntry fields and override the defaults.
    """
    values = {
        "title": page.title,
        "url": page_path(page),
        "published_at": page.first_published_at or page.last_published_at,
        "updated_at": page.last_published_at,
        "contributor": _display_name(page.owner) if page.owner_id else "",
        **approval_times(page),
    }
    values.update(fields)
    return LedgerEntry(**values)


def _display_name(user) -> str:
    return (user.get_full_name() or user.get_username())[:150]


def approval_times(page: Page) -> dict:
    """When the page's latest approved moderation began and ended; nothing if never moderated.

    Wagtail publishes an approved page while finishing its workflow, so the
    approved state is already saved when the ledger hears of the publication.
    """
    state = (
        WorkflowState.objects.for_instance(page)
        .filter(status=WorkflowState.STATUS_APPROVED)
        .order_by("-created_at")
        .first()
    )
    if state is None:
        return {}
    finished = (
        state.task_states.filter(finished_at__isnull=False)
        .order_by("-finished_at")
        .values_list("finished_at", flat=True)
        .first()
    )
    return {"submitted_at": state.created_at, "approved_at": finished or state.created_at}


def section_fields(section: Page | None) -> dict:
    """The section fields of an entry (id, title, path) for `section`, or none."""
    if section is None:
        return {}
    return {
        "section_id": section.pk,
        "section_title": section.title,
        "section_url": page_path(section) or "",
    }
