"""Counting page views in the shared cache and flushing them to the database in batches.

A view is one cache increment under the unit's own key space (the cache's
key function carries the schema). The first view of a page on a day also
records the page in a numbered slot, so a flush finds every counter without
scanning the cache. A flush adds each counter's value to its daily row, then
subtracts what it wrote from the counter (atomically), so views arriving
meanwhile are kept for the next flush. Flushes run from `flush_page_views`
(a command or a worker loop) and, at most once per interval and unit, from a
request itself, so a per-process cache (development) loses nothing either.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from portal.tenancy.models import Unit

from . import bots
from .models import PageViewDay

KEEP_SECONDS = 3 * 24 * 3600
DAYS_FLUSHED = 3  # today and the two days before: counters older than that have expired


def flush_interval() -> int:
    return settings.PORTAL_PAGE_VIEW_FLUSH_SECONDS


def _counter_key(day: datetime.date, page_id: int) -> str:
    return f"pageviews:{day.isoformat()}:{page_id}"


def _slots_key(day: datetime.date) -> str:
    return f"pageviews:{day.isoformat()}:slots"


def _slot_key(day: datetime.date, slot: int) -> str:
    return f"pageviews:{day.isoformat()}:slot:{slot}"


def _incr(key: str) -> int:
    if cache.add(key, 1, timeout=KEEP_SECONDS):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired in between
        cache.add(key, 1, timeout=KEEP_SECONDS)
        return 1


# Names the page a response shows, so nginx can log views it serves from its own cache
# (portal.analytics.cached_views): set on every page Wagtail serves, counted or not.
PAGE_HEADER = "X-Portal-Page"
_SERVED_PAGE = "_portal_served_page_id"


def is_counted(method: str, user_agent: str, *, signed_in: bool, preview: bool = False) -> bool:
    """Whether a request is a person reading: only GET, no preview, no robot, nobody signed
    in (only editors sign in: checking their own pages is not reading)."""
    return method == "GET" and not preview and not signed_in and not bots.is_bot(user_agent)


def count_visit(request, page_id: int) -> None:
    """Count a person's view of a page (Wagtail serving it, or a page cache replaying it)."""
    setattr(request, _SERVED_PAGE, page_id)
    if not is_counted(
        request.method,
        request.headers.get("User-Agent", ""),
        signed_in=request.user.is_authenticated,
        preview=getattr(request, "is_preview", False),
    ):
        return
    unit = getattr(request, "tenant", None)
    if unit is not None and getattr(unit, "pk", None):
        record_view(unit, page_id)


def served_page_id(request) -> int | None:
    """The page `count_visit` saw for this request (None when no page was served)."""
    return getattr(request, _SERVED_PAGE, None)


def record_view(unit: Unit, page_id: int, day: datetime.date | None = None) -> None:
    """Count one view of `page_id` in the current unit's schema (which must be `unit`'s)."""
    day = day or timezone.localdate()
    if _incr(_counter_key(day, page_id)) == 1:
        slot = _incr(_slots_key(day))
        cache.set(_slot_key(day, slot), page_id, timeout=KEEP_SECONDS)
    if cache.add("pageviews:flushing", 1, timeout=flush_interval()):
        flush_unit(unit)


def _pending(day: datetime.date) -> dict[int, int]:
    """{page id: views not yet written} for the current schema's counters of `day`."""
    slots = cache.get(_slots_key(day)) or 0
    if not slots:
        return {}
    page_ids = cache.get_many([_slot_key(day, slot) for slot in range(1, slots + 1)]).values()
    keys = {_counter_key(day, page_id): page_id for page_id in set(page_ids)}
    return {keys[key]: int(value) for key, value in cache.get_many(list(keys)).items() if value}


def flush_unit(unit: Unit, today: datetime.date | None = None) -> int:
    """Write the unit's buffered views to the database (call in its schema); returns how many."""
    today = today or timezone.localdate()
    written = 0
    for back in range(DAYS_FLUSHED):
        day = today - datetime.timedelta(days=back)
        pending = _pending(day)
        if not pending:
            continue
        add_views(unit.pk, day, pending)
        for page_id, views in pending.items():
            cache.decr(_counter_key(day, page_id), views)
        written += sum(pending.values())
    return written


def add_views(unit_id: int, day: datetime.date, views: dict[int, int]) -> None:
    """One statement per batch: insert the day's rows or add to them (joins the caller's
    transaction, if any)."""
    table = PageViewDay._meta.db_table
    values = ", ".join(["(%s, %s, %s, %s)"] * len(views))
    params = [item for page_id, count in views.items() for item in (unit_id, page_id, day, count)]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO public.{table} (unit_id, page_id, day, views) VALUES {values} "
            f"ON CONFLICT (unit_id, page_id, day) "
            f"DO UPDATE SET views = {table}.views + EXCLUDED.views",
            params,
        )


def flush_all(today: datetime.date | None = None) -> int:
    """Flush every active unit's counters (the command and the worker call this)."""
    written = 0
    for unit in Unit.objects.filter(status="active").only("pk", "schema_name"):
        with schema_context(unit.schema_name):
            written += flush_unit(unit, today)
    return written
