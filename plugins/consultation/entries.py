"""How a consultation appears in the network ledger and on the home page."""

from __future__ import annotations

from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page

from portal.publications.entries import Attachment, LedgerEntry, page_entry, section_fields


def consultation_entry(page) -> LedgerEntry:
    """The call for comments as summary; the drafts' text searchable; the drafts attached."""
    drafts = list(page.drafts.select_related("document"))
    intro = strip_tags(page.intro).strip()
    return page_entry(
        page,
        summary=intro[:1000],
        body_text="\n".join([intro, *(draft.text for draft in drafts)]),
        attachments=tuple(
            Attachment(draft.display_title(), draft.document.filename, draft.document.url)
            for draft in drafts
        ),
        **section_fields(Page.objects.filter(pk=page.get_parent().pk).first()),
    )


def open_consultations_context(request, page):
    """Home banner: the unit's consultations open now, soonest to close first; else nothing."""
    from .models import ConsultationPage

    now = timezone.now()
    items = list(
        ConsultationPage.objects.live()
        .public()
        .filter(opens_at__lte=now, closes_at__gt=now)
        .order_by("closes_at")[:3]
    )
    return {"consultations": items} if items else None
