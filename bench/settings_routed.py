"""Routing benchmark, (a): the portal as deployed, UnitRoutingMiddleware first."""

from bench.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
