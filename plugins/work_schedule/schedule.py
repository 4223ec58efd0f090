"""What the public week page and the home block show: published items, day by day."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.tenancy import addresses
from portal.theme.naming import WEEKDAYS

from .models import Leader, ScheduleItem, ScheduleWeek, WorkSchedulePage, days_ahead
from .weeks import Week


def day_label(day) -> str:
    return f"{WEEKDAYS[day.weekday()]}, {day:%d/%m/%Y}"


def week_context(page: WorkSchedulePage, week: Week, leader: Leader | None) -> dict:
    """The week's published items by day, its note, and the neighbouring weeks."""
    row = ScheduleWeek.objects.filter(year=week.year, number=week.number, published=True).first()
    items = ScheduleItem.objects.public().filter(week=row).in_order() if row else []
    if row and leader is not None:
        items = items.filter(leaders=leader)
    by_day = {day: [] for day in week.days}
    for item in items:
        by_day[item.date].append(item)
    today = timezone.localdate()
    return {
        "week": week,
        "week_row": row,
        "leader": leader,
        "leaders": Leader.objects.filter(active=True),
        "days": [
            {"date": day, "label": day_label(day), "items": found, "today": day == today}
            for day, found in by_day.items()
        ],
        "previous_week": week.shifted(-1),
        "next_week": week.shifted(1),
        "is_current_week": week == Week.current(),
        "page_url": page.url,
    }


def feed_links(request, page: WorkSchedulePage, leader: Leader | None) -> list[dict]:
    """The calendar feeds the page announces: the unit's, and the chosen leader's."""
    base = addresses.absolute(f"{page.url}ical/", request)
    links = [{"title": _("Lịch công tác của đơn vị"), "href": base}]
    if leader is not None:
        links.append({"title": _("Lịch công tác của %s") % leader.name,
                      "href": f"{base}?lanh-dao={leader.pk}"})  # fmt: skip
    return links


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
