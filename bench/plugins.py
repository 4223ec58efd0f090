"""What plugins cost a request, and what the activation cache saves.

- Home page: requests/s of the province's home page (in-process Django test
  client, the full middleware stack) with the three modules active (home
  blocks, guard middleware, plugin-aware menu) against the same page with
  none active, in alternating rounds; median of the rounds.
- Activation lookups: `active_labels()` for the current unit, served from the
  cache, against the database query it replaces.
The modules are turned off again afterwards; the pages they created stay, hidden.
"""

from __future__ import annotations

import time

from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context

from portal.extensions import activation, registry
from portal.tenancy.models import Unit

from .common import Figure, Goal, Report, median, say
from .units import CODE, fleet_host

PLUGINS = ("plugin_video_briefs", "plugin_mttq", "plugin_nong_thon_moi")
REQUESTS = 150
ROUNDS = 3
LOOKUPS = 5000


def _rate(client: Client, count: int) -> float:
    client.get("/")  # warm-up: templates, caches
    start = time.perf_counter()
    for _ in range(count):
        response = client.get("/")
        assert response.status_code == 200, response.status_code
    return count / (time.perf_counter() - start)


def _switch(unit: Unit, action: str) -> None:
    for label in PLUGINS:
        activation.change(action, registry.get(label), unit)
    connection.set_schema_to_public()


def home_page_rates(unit: Unit) -> tuple[float, float]:
    client = Client(HTTP_HOST=fleet_host(0))
    without, with_plugins = [], []
    try:
        for round_number in range(ROUNDS):
            say(f"plugins: home page round {round_number + 1}/{ROUNDS}")
            _switch(unit, "disable")
            without.append(_rate(client, REQUESTS))
            _switch(unit, "enable")
            with_plugins.append(_rate(client, REQUESTS))
    finally:
        _switch(unit, "disable")
    return median(with_plugins), median(without)


def lookup_rates(unit: Unit) -> tuple[float, float]:
    with schema_context(unit.schema_name):
        activation.active_labels()  # fills the cache
        start = time.perf_counter()
        for _ in range(LOOKUPS):
            activation.active_labels()
        cached = LOOKUPS / (time.perf_counter() - start)
        queries = LOOKUPS // 10
        start = time.perf_counter()
        for _ in range(queries):
            activation._query(schema_name=unit.schema_name)
        queried = queries / (time.perf_counter() - start)
    return cached, queried


def run() -> Report:
    unit = Unit.objects.get(code=CODE)
    with_plugins, without = home_page_rates(unit)
    cached, queried = lookup_rates(unit)
    return Report(
        "Plugins: home page with three active modules; activation cache",
        [
            Figure(
                "province home page, 3 modules active",
                with_plugins,
                "req/s",
                without,
                "no module active",
                [Goal.share_at_least(0.7)],
            ),
            Figure(
                "active-module lookup (cached)",
                cached,
                "lookups/s",
                queried,
                "database query",
                [Goal.speedup_at_least(5)],
            ),
        ],
        [
            f"{REQUESTS} requests per round, {ROUNDS} alternating rounds, in-process test client",
            "the modules' home blocks have nothing to show on the fleet province (no content): "
            "the figure is the cost of the machinery, not of rendering briefs",
        ],
    )
