"""The home page block: today's and tomorrow's published items."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .models import ScheduleItem, WorkSchedulePage
from .schedule import days_ahead


def home_context(request, page) -> dict | None:
    """Today's and tomorrow's published items, for the home page block."""
    schedule_page = WorkSchedulePage.objects.live().public().first()
    if schedule_page is None:
        return None
    days = days_ahead(2)
    items = list(ScheduleItem.objects.public().filter(date__in=days).in_order())
    return {
        "schedule_page": schedule_page,
        "days": [
            {"label": label, "date": day, "items": [i for i in items if i.date == day]}
            for label, day in zip((_("Hôm nay"), _("Ngày mai")), days, strict=True)
        ],
    }
