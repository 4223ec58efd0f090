"""How a body's news appears in the network ledger."""

from __future__ import annotations

from django.utils import translation
from django.utils.html import strip_tags

from portal.publications.entries import LedgerEntry, page_entry, section_fields


def news_entry(page) -> LedgerEntry:
    """Title, lead, text, and the body's section; `doc_type` carries the body's code so the
    same body's section anywhere up the network can gather it."""
    organisation = page.organisation()
    with translation.override("vi"):
        body_label = str(organisation.get_body_display())
    return page_entry(
        page,
        summary=page.lead,
        body_text=strip_tags(page.text).strip(),
        doc_type=organisation.body,
        field=body_label,
        published_at=page.date,
        **section_fields(organisation),
    )
