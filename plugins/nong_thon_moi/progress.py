"""The home page block: the commune's own count, or the overview's headline figures."""

from __future__ import annotations

from django.db import connection

from .models import RuralOverviewPage, RuralProgressPage
from .network import overview


def home_context(request, page):
    own = RuralProgressPage.objects.live().public().first()
    if own is not None:
        met, total = own.progress()
        return {"progress_page": own, "met": met, "total": total}
    summary = RuralOverviewPage.objects.live().public().first()
    if summary is None:
        return None
    figures = overview(getattr(request, "tenant", None) or getattr(connection, "tenant", None))
    return {"overview_page": summary, "overview": figures}
