"""The production cache backend on a real redis-server: one client per pool, shared by threads."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import caches
from django_tenants.utils import schema_context

pytestmark = pytest.mark.django_db


def test_one_client_serves_every_call_and_thread(redis_cache, network):
    cache = caches["default"]
    client = cache._cache.get_client(write=True)
    assert cache._cache.get_client() is client  # not a new redis.Redis per call

    def count(_):
        for _ in range(50):
            cache.incr("portal:test-counter")

    cache.set("portal:test-counter", 0)
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(count, range(8)))
    assert cache.get("portal:test-counter") == 400


def test_units_keys_stay_apart_through_the_shared_client(redis_cache, network):
    cache = caches["default"]
    for key in ("commune_a", "commune_b"):
        with schema_context(network.units[key].schema_name):
            cache.set("portal:test-value", key)
    for key in ("commune_a", "commune_b"):
        with schema_context(network.units[key].schema_name):
            assert cache.get("portal:test-value") == key
