"""How a consultation appears in the network ledger and on the home page."""

from __future__ import annotations

from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page

from portal.publications.entries import Attachment, LedgerEntry, page_entry, section_fields
from sites import unit_data


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


BANNER_SIZE = 3


def _banner_candidates(request) -> dict:
    """What the banner may show, before the clock decides: every consultation not yet
    closed, the unit's own and those sent down to it, with the index page."""
    from .models import ConsultationIndexPage, ConsultationPage
    from .network import not_closed_received

    now = timezone.now()
    return {
        "own": list(
            ConsultationPage.objects.live().public().filter(closes_at__gt=now).order_by("closes_at")
        ),
        "index": ConsultationIndexPage.objects.live().public().first(),
        "received": not_closed_received(getattr(request, "tenant", None), ConsultationPage, now),
    }


def open_consultations_context(request, page):
    """Home banner: the consultations open now, the unit's own and those sent down to it
    by units above, soonest to close first; else nothing.

    What may be shown is cached with the unit's data (sites.unit_data: retired by any write
    in the unit, and by a change of an original it shows through a directive); the clock
    picks the open ones at each render, so a closing time is kept to the second.
    """
    candidates = unit_data.cached("consultation-banner", (), lambda: _banner_candidates(request))
    now = timezone.now()
    items = [
        {"title": item.title, "url": item.get_url(request), "closes_at": item.closes_at}
        for item in candidates["own"]
        if item.opens_at <= now < item.closes_at
    ]
    index = candidates["index"]
    if index is not None:
        base = index.get_url(request)
        items += [
            {
                "title": item["title"],
                "url": base
                + index.reverse_subpage("received_consultation", args=[item["appearance"]]),
                "closes_at": item["closes_at"],
            }
            for item in candidates["received"]
            if item["opens_at"] <= now < item["closes_at"]
        ]
    items.sort(key=lambda item: item["closes_at"])
    return {"consultations": items[:BANNER_SIZE]} if items else None
