"""The portal's one rate limiter: fixed windows counted in the shared cache.

A `Rate` allows `count` events per `seconds`; a window opens at the first
event and lasts `seconds`. Counters are kept under the public schema's cache
keys, so spreading attempts over many units' portals does not multiply an
allowance (a limit meant per unit says so in its key). Keys are hashed with
the secret key: no address or account name is stored in the cache.

Users: sign-in throttling (`portal.accounts.throttling`), searches (`search.ratelimit`),
citizen feedback (`portal.feedback.spam`). Their limits are settings read
from the environment (settings/base.py, docs/settings.md).
"""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django_tenants.utils import get_public_schema_name, schema_context


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def of(cls, value: tuple[int, int]) -> Rate:
        """A rate from a setting's (count, seconds)."""
        count, seconds = value
        return cls(int(count), int(seconds))


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until the window closes


def _keys(name: str, key: str) -> tuple[str, str]:
    """The cache keys of the window's count and of its opening time."""
    digest = hmac.new(settings.SECRET_KEY.encode(), key.encode(), hashlib.sha256).hexdigest()
    base = f"portal:rate:{name}:{digest[:32]}"
    return f"{base}:count", f"{base}:opened"


def hit(name: str, key: str, rate: Rate) -> Verdict:
    """Count one event of `name` by `key`; allowed while the window's count is within `rate`."""
    count_key, opened_key = _keys(name, key)
    now = time.time()
    with schema_context(get_public_schema_name()):
        cache.add(opened_key, now, timeout=rate.seconds)
        cache.add(count_key, 0, timeout=rate.seconds)  # incr keeps this expiry
        try:
            count = cache.incr(count_key)
        except ValueError:  # expired between add and incr: this event opens a new window
            cache.set_many({count_key: 1, opened_key: now}, timeout=rate.seconds)
            count = 1
        opened = cache.get(opened_key, now)
    return Verdict(count <= rate.count, max(1, math.ceil(opened + rate.seconds - now)))


def exhausted(name: str, key: str, rate: Rate) -> bool:
    """Whether `key` has used up its events of `name` in this window (counts nothing)."""
    count_key, _opened_key = _keys(name, key)
    with schema_context(get_public_schema_name()):
        return (cache.get(count_key) or 0) >= rate.count


def reset(name: str, key: str) -> None:
    """Forget `key`'s events of `name` (e.g. after a successful sign-in)."""
    with schema_context(get_public_schema_name()):
        cache.delete_many(_keys(name, key))
