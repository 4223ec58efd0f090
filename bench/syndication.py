"""Syndication: the aggregated "Tin cơ sở" block over a big ledger, and publish → visible upstream.

Data: the fleet (a province and 99 communes) and 100,000 synthetic ledger rows
spread over its units (kept between runs, like the fleet). Measured:

- the aggregated block of the province (its 99 communes' newest 8 articles)
  rendered warm (cache hit: one change-mark read plus the template) and cold
  (cache cleared before each render: the ledger query too). Baseline, from
  the same data: a naive fan-out reading each commune's newest rows with one
  query per unit and merging them, as a block without the ledger's
  cross-unit index would have to.
- publish → visible: an article published through Wagtail in commune 1 until
  it shows in the province's home page block and in the network's RSS feed,
  both fetched through the full request stack. Baseline: the publish alone.
"""

from __future__ import annotations

import datetime
import math
import time
import uuid

from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory
from django.utils import timezone
from django_tenants.utils import schema_context, tenant_context

from portal.publications.models import Publication, PublicationStatus
from portal.syndication.blocks import AggregatedNewsBlock
from portal.tenancy.models import Unit

from .common import Figure, Goal, Report, measure, median, say
from .units import CODE, fleet_host

ROWS = 100_000
SYNTHETIC_FROM = 10_000_000  # object ids of the synthetic rows (real pages have small ids)
RENDERS = 300
PUBLISHES = 5


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[math.ceil(0.95 * len(ordered)) - 1]


def ensure_rows(units: list[Unit]) -> None:
    """100,000 live article rows over the fleet's units, newest spread over two years."""
    existing = Publication.objects.filter(
        object_id__gte=SYNTHETIC_FROM, unit__code__startswith=CODE
    )
    if existing.count() >= ROWS:
        return
    existing.delete()
    say(f"writing {ROWS:,} synthetic ledger rows (kept for later runs)…")
    now = timezone.now()
    batch = []
    for index in range(ROWS):
        unit = units[index % len(units)]
        when = now - datetime.timedelta(minutes=7 * index + 13)
        batch.append(
            Publication(
                unit=unit,
                kind="article",
                object_id=SYNTHETIC_FROM + index,
                status=PublicationStatus.LIVE,
                url=f"http://{fleet_host(0)}/tin-tuc-su-kien/bai-{index}/",
                title=f"Tin đo tốc độ số {index}",
                summary="Sapo " * 20,
                section_title="Tin tức - Sự kiện",
                published_at=when,
                updated_at=when,
                index_pending=False,
            )
        )
        if len(batch) == 5000:
            Publication.objects.bulk_create(batch)
            batch = []
    Publication.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Publication._meta.db_table}")


def naive_fan_out(province: Unit, count: int = 8) -> list:
    """Without a cross-unit query: each commune's newest rows, one query per unit, merged."""
    rows = []
    for unit in Unit.objects.filter(path__startswith=province.path, depth__gt=province.depth):
        rows += list(
            Publication.objects.filter(unit=unit, status="live", kind="article").order_by(
                "-published_at"
            )[:count]
        )
    return sorted(rows, key=lambda row: row.published_at, reverse=True)[:count]


def render_samples(province: Unit, cold: bool) -> list[float]:
    block = AggregatedNewsBlock()
    value = block.to_python({})
    # The home page renders the block with its request (links follow its scheme and port).
    context = {"request": RequestFactory().get("/", HTTP_HOST=province.primary_domain())}
    with tenant_context(province):  # the unit itself, as the routing middleware leaves it
        block.render(value, context)  # warm up imports and templates
        walls = []
        for _ in range(RENDERS):
            if cold:
                cache.clear()
            start = time.perf_counter()
            html = block.render(value, context)
            walls.append(time.perf_counter() - start)
        assert html.count("<li>") == 8, "the block does not show its 8 newest rows"
    return walls


def _home_block_on(province: Unit) -> None:
    """The fleet's province home page gets the aggregated block if it predates it."""
    from wagtail.models import Site

    with schema_context(province.schema_name):
        home = Site.objects.get(is_default_site=True).root_page.specific
        if not any(block.block_type == "aggregated_news" for block in home.body):
            home.body = [("aggregated_news", AggregatedNewsBlock().to_python({}))]
            home.save_revision().publish()


def publish_to_visible(commune: Unit) -> tuple[list[float], list[float]]:
    from sites.models import ArticlePage, SectionPage

    home, feed = Client(HTTP_HOST=fleet_host(0)), Client(HTTP_HOST=fleet_host(0))
    visible, publish_only = [], []
    for _ in range(PUBLISHES):
        title = f"Tin xã vừa đăng {uuid.uuid4().hex[:8]}"
        start = time.perf_counter()
        with schema_context(commune.schema_name):
            section = SectionPage.objects.get(slug="tin-tuc-su-kien")
            article = section.add_child(
                instance=ArticlePage(title=title, slug=title[-8:], live=False)
            )
            article.save_revision().publish()
        publish_only.append(time.perf_counter() - start)
        connection.set_schema_to_public()
        while (
            title not in home.get("/").content.decode()
            or title not in feed.get("/feeds/mang-luoi/rss/").content.decode()
        ):
            if time.perf_counter() - start > 30:
                raise RuntimeError("a published article never showed upstream")
        visible.append(time.perf_counter() - start)
    return visible, publish_only


def run() -> Report:
    province = Unit.objects.get(code=CODE)
    units = list(Unit.objects.filter(code__startswith=CODE).order_by("path"))
    ensure_rows(units)
    _home_block_on(province)
    say(f"aggregated block × {RENDERS} warm, × {RENDERS} cold, naive fan-out × 30…")
    warm = render_samples(province, cold=False)
    cold = render_samples(province, cold=True)
    naive = [measure(lambda: naive_fan_out(province)).wall for _ in range(30)]
    say(f"publish → visible × {PUBLISHES}…")
    visible, publish_only = publish_to_visible(Unit.objects.get(code=f"{CODE}-001"))
    ms = 1000
    return Report(
        title=f"syndication — aggregated block over {len(units)} units and "
        f"{Publication.objects.count():,} ledger rows; publish → visible upstream",
        figures=[
            Figure(
                "block render, warm, p95",
                p95(warm) * ms,
                "ms",
                p95(naive) * ms,
                "naive per-unit fan-out, p95",
                [Goal.at_most(20, "ms")],
            ),
            Figure(
                "block render, warm, median",
                median(warm) * ms,
                "ms",
                median(naive) * ms,
                "naive per-unit fan-out, median",
            ),
            Figure(
                "block render, cold, p95",
                p95(cold) * ms,
                "ms",
                p95(naive) * ms,
                "naive per-unit fan-out, p95",
            ),
            Figure(
                "block render, cold, median",
                median(cold) * ms,
                "ms",
                median(naive) * ms,
                "naive per-unit fan-out, median",
            ),
            Figure(
                "publish → in province block and network feed, max",
                max(visible),
                "s",
                median(publish_only),
                "the publish alone, median",
                [Goal.at_most(2, "s")],
            ),
            Figure(
                "publish committed → seen upstream, max",
                max(v - p for v, p in zip(visible, publish_only, strict=True)),
                "s",
                median(publish_only),
                "the publish alone, median",
            ),
        ],
        notes=[
            "warm: cache hit (the subtree's change mark, re-read from the database at most "
            "once a second per process, and the block's cached HTML); cold: cache cleared "
            "before each render (the ledger query and the template)",
            "the fleet is two-level (province → communes), so the province stands for the "
            "district of the issue: its block aggregates 99 units",
            f"publish → visible, each of {PUBLISHES}: "
            + ", ".join(f"{v:.2f}" for v in visible)
            + " s (Wagtail publish, then the home page and the RSS feed fetched until both"
            " show it)",
        ],
    )
