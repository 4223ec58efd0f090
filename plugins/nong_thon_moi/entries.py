"""How a commune's progress appears in the network ledger (see network.py for the format)."""

from __future__ import annotations

import datetime

from django.utils import translation
from django.utils.translation import gettext as _

from portal.publications.entries import LedgerEntry, page_entry


def progress_entry(page) -> LedgerEntry:
    met, total = page.progress()
    with translation.override("vi"):
        lines = [
            f"{row['number']}. {row['name']}: "
            + (_("đạt") if row["status"] and row["status"].met else _("chưa đạt"))
            for row in page.rows()
        ]
        summary = _("Đạt %(met)d/%(total)d tiêu chí.") % {"met": met, "total": total}
    if page.target:
        summary += f" {page.target}"
    recognised = datetime.date(page.recognised_year, 1, 1) if page.recognised_year else None
    return page_entry(
        page,
        summary=summary,
        body_text="\n".join(lines),
        doc_number=f"{met}/{total}",
        field="Nông thôn mới",
        issued=recognised,
    )
