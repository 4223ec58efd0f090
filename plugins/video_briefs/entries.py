"""How a brief appears in the network ledger and on the home page."""

from __future__ import annotations

import logging

from django.utils.translation import gettext as _
from wagtail.models import Page

from portal.publications.entries import LedgerEntry, page_entry, section_fields

logger = logging.getLogger(__name__)
POSTER_SPEC = "fill-400x225"


def brief_entry(page) -> LedgerEntry:
    """Title, summary, transcript (searchable), poster and archive of a brief."""
    body = "\n".join(part for part in (page.summary, page.transcript) if part)
    return page_entry(
        page,
        summary=page.summary or _("Điểm tin video tháng %(period)s") % {"period": page.period},
        body_text=body,
        image_url=poster_url(page),
        **section_fields(Page.objects.filter(pk=page.get_parent().pk).first()),
    )


def poster_url(page) -> str:
    if page.poster is None:
        return ""
    try:
        return page.poster.get_rendition(POSTER_SPEC).url
    except OSError:
        logger.warning("No rendition of the poster of brief %s.", page.pk)
        return ""


def latest_brief_context(request, page):
    """Home block: the unit's newest live brief, or nothing (also when the settings say so)."""
    from .models import VideoBriefPage, VideoBriefSettings

    if not VideoBriefSettings.for_request(request).show_on_home:
        return None
    brief = (
        VideoBriefPage.objects.live()
        .public()
        .select_related("poster")
        .order_by("-year", "-month", "-issue_number")
        .first()
    )
    return {"brief": brief} if brief else None
