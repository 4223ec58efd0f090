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
    """Home banner: the consultations open now, the unit's own and those sent down to it
    by units above, soonest to close first; else nothing."""
    from .models import ConsultationIndexPage, ConsultationPage
    from .network import open_received

    now = timezone.now()
    items = [
        {"title": item.title, "url": item.get_url(request), "closes_at": item.closes_at}
        for item in ConsultationPage.objects.live()
        .public()
        .filter(opens_at__lte=now, closes_at__gt=now)
        .order_by("closes_at")[:3]
    ]
    index = ConsultationIndexPage.objects.live().public().first()
    if index is not None:
        items += [
            {
                "title": item.consultation.title,
                "url": index.get_url(request)
                + index.reverse_subpage("received_consultation", args=[item.appearance.pk]),
                "closes_at": item.consultation.closes_at,
            }
            for item in open_received(getattr(request, "tenant", None), ConsultationPage, now)
        ]
    items.sort(key=lambda item: item["closes_at"])
    return {"consultations": items[:3]} if items else None
