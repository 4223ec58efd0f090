"""What the production stack keeps in Redis, per unit: page cache entries and tokens,
plugin active sets, the page-view buffer, and the network-wide routing token and
rate limits; two units' keys never meet, and a publish in one keeps the other's pages."""

import secrets
import time

import pytest
import redis
from django_tenants.utils import schema_context

from portal.settings.caches import redis_cache
from portal.tenancy import routing
from sites.models import HomePage

pytestmark = [
    pytest.mark.django_db,
    # The test certificate is self-signed.
    pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning"),
]
BROWSER = {
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "Accept-Language": "vi-VN,vi;q=0.9",
}


def keys(stack) -> set[str]:
    client = redis.Redis.from_url(stack.redis.url)
    return {key.decode() for key in client.scan_iter(count=1000)}


def answered_from_cache(stack, host: str) -> None:
    """Ask until the page cache answers (the first request stores the page)."""
    deadline = time.monotonic() + 5 * routing.MEMO_SECONDS
    while stack.https("/", host, headers=BROWSER).headers["X-Portal-Page-Cache"] != "hit":
        assert time.monotonic() < deadline, f"{host}: never answered from the page cache"
        time.sleep(0.2)


@pytest.fixture
def fresh_redis(stack):
    """An empty Redis that every worker has noticed: for up to a second after the flush
    (portal.tenancy.routing.MEMO_SECONDS) a worker still keys pages by the routing token it
    read before, so one worker's hit would not be the other's."""
    redis.Redis.from_url(stack.redis.url).flushall()
    time.sleep(routing.MEMO_SECONDS + 0.2)
    return stack


def test_each_units_keys_live_under_its_own_schema(fresh_redis, network):
    stack = fresh_redis
    schemas = {key: network.units[key].schema_name for key in ("commune_a", "commune_b")}
    for key in schemas:
        host = network.domains[key]
        for _ in range(2):
            response = stack.https("/", host, headers=BROWSER)
            assert response.status_code == 200
        assert stack.https("/tim-kiem/?q=nong%20thon%20moi", host).status_code == 200
    stored = keys(stack)
    for key, schema in schemas.items():
        other = schemas["commune_b" if key == "commune_a" else "commune_a"]
        own = {k for k in stored if k.startswith(f"{schema}:")}
        for kind in (
            f":portal:page:{schema}:",  # pages, keyed by the unit's schema and token
            f":portal:page-cache-generation:{schema}",
            ":portal:active-plugins",
            ":pageviews:",  # the page-view buffer
        ):
            assert any(kind in k for k in own), (key, kind, sorted(own))
        assert not any(other in k for k in own)
    # Network-wide by design: one routing token; search limits per client across portals.
    public = {k for k in stored if k.startswith("public:")}
    assert any(":portal:routing-version" in k for k in public)
    assert any(":portal:rate:search:" in k for k in public)
    unit_keys = stored - public
    assert all(k.split(":", 1)[0] in schemas.values() for k in unit_keys), sorted(unit_keys)


def test_a_publish_in_one_unit_keeps_the_others_cached_pages(fresh_redis, network, settings):
    stack = fresh_redis
    settings.CACHES = redis_cache(stack.redis.url)  # this process publishes
    hosts = {key: network.domains[key] for key in ("commune_a", "commune_b")}
    for host in hosts.values():
        answered_from_cache(stack, host)
    client = redis.Redis.from_url(stack.redis.url)
    schema_a, schema_b = (network.units[key].schema_name for key in hosts)
    token_a = f"{schema_a}::1:portal:page-cache-generation:{schema_a}"
    token_b = f"{schema_b}::1:portal:page-cache-generation:{schema_b}"
    before = keys(stack)
    tokens_before = client.get(token_a), client.get(token_b)
    with schema_context(schema_a):
        home = HomePage.objects.get()
        home.intro = f"<p>Tin mới {secrets.token_hex(3)}</p>"
        home.save_revision().publish()
    after = keys(stack)
    assert {k for k in before if k.startswith(f"{schema_b}:")} <= after  # nothing of B evicted
    assert None not in tokens_before
    assert client.get(token_a) != tokens_before[0]  # A's pages are retired...
    assert client.get(token_b) == tokens_before[1]  # ...B's are not
    verdicts = {
        key: stack.https("/", host, headers=BROWSER).headers["X-Portal-Page-Cache"]
        for key, host in hosts.items()
    }
    assert verdicts == {"commune_a": "miss", "commune_b": "hit"}
