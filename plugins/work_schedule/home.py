"""The home page block: today's and tomorrow's published items."""

from __future__ import annotations

from django.utils.translation import gettext as _

from sites import unit_data

from .models import ScheduleItem, WorkSchedulePage
from .schedule import days_ahead


def _schedule_page_and_items(days) -> tuple:
    """The live schedule page and the published items of `days` (None: no page)."""
    schedule_page = WorkSchedulePage.objects.live().public().first()
    if schedule_page is None:
        return None, []
    return schedule_page, list(ScheduleItem.objects.public().filter(date__in=days).in_order())


def home_context(request, page) -> dict | None:
    """Today's and tomorrow's published items, for the home page block.

    Cached with the unit's data (sites.unit_data), under today's date: any write in
    the unit (an item, a week published, a leader renamed) retires it.
    """
    days = days_ahead(2)
    schedule_page, items = unit_data.cached(
        "work-schedule-home", (days[0].isoformat(),), lambda: _schedule_page_and_items(days)
    )
    if schedule_page is None:
        return None
    return {
        "schedule_page": schedule_page,
        "days": [
            {"label": label, "date": day, "items": [i for i in items if i.date == day]}
            for label, day in zip((_("Hôm nay"), _("Ngày mai")), days, strict=True)
        ],
    }
