"""Cost of counting page views: buffered in the cache (the portal's way) against a write per view.

Both count the same VIEWS views spread over PAGES pages of one fleet unit, in
this process, against the benchmark database:

- buffered: `portal.analytics.counter.record_view` for each view (a cache
  increment; the first view of the interval flushes), then one flush;
- baseline: one upsert per view (the same statement the flush uses, with a
  single row), what counting in the database directly would cost.

Each figure is the median of ROUNDS rounds; the rows written are removed
after each round. Wall and CPU seconds (this process plus PostgreSQL).
"""

from __future__ import annotations

from django.core.cache import cache
from django.utils import timezone
from django_tenants.utils import schema_context

from .common import Figure, Goal, Report, measure, median
from .units import fleet_host

VIEWS = 5000
PAGES = 50
ROUNDS = 5


def _unit():
    from portal.tenancy.models import Domain

    return Domain.objects.select_related("tenant").get(domain=fleet_host(0)).tenant


def _clear(unit) -> None:
    from portal.analytics.models import PageViewDay

    PageViewDay.objects.filter(unit=unit).delete()
    cache.clear()


def _total(unit) -> int:
    from django.db.models import Sum

    from portal.analytics.models import PageViewDay

    return PageViewDay.objects.filter(unit=unit).aggregate(total=Sum("views"))["total"] or 0


def run() -> Report:
    from portal.analytics import counter

    unit = _unit()
    day = timezone.localdate()
    buffered, direct = [], []

    def count_buffered():
        with schema_context(unit.schema_name):
            for view in range(VIEWS):
                counter.record_view(unit, 1 + view % PAGES, day)
            counter.flush_unit(unit, day)

    def count_directly():
        for view in range(VIEWS):
            counter.add_views(unit.pk, day, {1 + view % PAGES: 1})

    for _ in range(ROUNDS):
        for samples, action in ((buffered, count_buffered), (direct, count_directly)):
            _clear(unit)
            samples.append(measure(action))
            assert _total(unit) == VIEWS, "a counting method lost or added views"
    _clear(unit)
    report = Report(f"Counting {VIEWS:,} page views over {PAGES} pages (median of {ROUNDS} rounds)")
    report.figures.append(
        Figure(
            "buffered counting, wall",
            median([s.wall for s in buffered]),
            "s",
            median([s.wall for s in direct]),
            "a write per view",
            [Goal.speedup_at_least(5)],
        )
    )
    if all(s.cpu is not None for s in buffered + direct):
        report.figures.append(
            Figure(
                "buffered counting, CPU",
                median([s.cpu for s in buffered]),
                "CPU s",
                median([s.cpu for s in direct]),
                "a write per view",
                [Goal.speedup_at_least(5)],
            )
        )
    report.notes.append("Cache: the settings' default (local memory here; Redis in production).")
    return report
