"""Reading the counts: most-read pages (titles from the ledger) and a unit's total."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone

from portal.publications.models import Publication, PublicationStatus
from portal.tenancy.models import Unit

from .models import PageViewDay, VisitorCounterPreference


@dataclass(frozen=True)
class ReadPage:
    title: str
    url: str
    views: int


def most_read(
    unit: Unit, *, days: int = 7, limit: int = 5, today: datetime.date | None = None
) -> list[ReadPage]:
    """The unit's live published items with the most views over the last `days` days."""
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=days - 1)
    totals = (
        PageViewDay.objects.filter(unit=unit, day__gte=since, day__lte=today)
        .values("page_id")
        .annotate(total=Sum("views"))
        .order_by("-total", "page_id")
    )
    ranked = {row["page_id"]: row["total"] for row in totals[: limit * 4]}
    published = {
        row.object_id: row
        for row in Publication.objects.filter(
            unit=unit, object_id__in=list(ranked), status=PublicationStatus.LIVE
        )
    }
    pages = [
        ReadPage(published[pk].title, published[pk].url, views)
        for pk, views in ranked.items()
        if pk in published
    ]
    return pages[:limit]


def daily_totals(
    unit: Unit, since: datetime.date, until: datetime.date
) -> list[tuple[datetime.date, int]]:
    rows = dict(
        PageViewDay.objects.filter(unit=unit, day__gte=since, day__lte=until)
        .values("day")
        .annotate(total=Sum("views"))
        .values_list("day", "total")
    )
    days = (until - since).days + 1
    return [
        (since + datetime.timedelta(days=n), rows.get(since + datetime.timedelta(days=n), 0))
        for n in range(days)
    ]


def page_total(unit: Unit, page_id: int) -> int:
    """One page's views, as flushed to the database so far."""
    total = PageViewDay.objects.filter(unit=unit, page_id=page_id).aggregate(total=Sum("views"))
    return total["total"] or 0


def today_total(unit: Unit) -> int:
    """The unit's page views today, as flushed to the database so far."""
    today = timezone.localdate()
    return daily_totals(unit, today, today)[0][1]


def shown_total(unit: Unit) -> int | None:
    """The unit's total views if it chose to show them, else None (cached for five minutes)."""
    key = f"visitor-total:{unit.pk}"
    cached = cache.get(key)
    if cached is None:
        shows = VisitorCounterPreference.objects.filter(unit=unit, show_total=True).exists()
        cached = -1
        if shows:  # the sum over every day is read only for units that show it
            total = PageViewDay.objects.filter(unit=unit).aggregate(total=Sum("views"))["total"]
            cached = total or 0
        cache.set(key, cached, 300)
    return None if cached < 0 else cached


def forget_total(unit: Unit) -> None:
    cache.delete(f"visitor-total:{unit.pk}")
