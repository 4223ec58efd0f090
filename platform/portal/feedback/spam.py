"""Spam defence that needs no outside service: a rate limit, a honeypot, a fill-time check.

The rate limit counts in the shared cache, per sender address and per unit;
the address is only hashed into the cache key, never stored.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache

# The same client address as login throttling and search limits (the proxy header behind nginx).
from portal.operations.throttling import client_address

TOKEN_SALT = "portal.feedback.form-started"


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int


def sender_limit() -> Limit:
    """Submissions one address may make per window (settings.PORTAL_FEEDBACK_SENDER_LIMIT)."""
    return Limit(*getattr(settings, "PORTAL_FEEDBACK_SENDER_LIMIT", (5, 600)))


def unit_limit() -> Limit:
    """Submissions one unit accepts per window from everyone (a flood guard for the queue)."""
    return Limit(*getattr(settings, "PORTAL_FEEDBACK_UNIT_LIMIT", (200, 3600)))


def min_fill_seconds() -> float:
    return getattr(settings, "PORTAL_FEEDBACK_MIN_FILL_SECONDS", 4)


def max_fill_seconds() -> float:
    return getattr(settings, "PORTAL_FEEDBACK_MAX_FILL_SECONDS", 4 * 3600)


def _hit(key: str, limit: Limit) -> bool:
    """Count one attempt under `key`; True while the window's count stays within the limit."""
    window = int(time.time() // limit.seconds)
    bucket = f"{key}:{window}"
    cache.add(bucket, 0, timeout=limit.seconds + 5)
    try:
        count = cache.incr(bucket)
    except ValueError:  # expired between add and incr: this attempt opens a new window
        cache.set(bucket, 1, timeout=limit.seconds + 5)
        count = 1
    return count <= limit.count


def sender_key(request) -> str:
    address = client_address(request)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:24]
    return f"feedback:sender:{digest}"


def allow_submission(request) -> bool:
    """Whether this submission attempt is within both the sender's and the unit's limits."""
    return _hit(sender_key(request), sender_limit()) and _hit("feedback:unit", unit_limit())


def allow_lookup(request) -> bool:
    """Tracking-code look-ups are limited too, so codes cannot be guessed by brute force."""
    return _hit(sender_key(request) + ":lookup", Limit(30, 600))


def start_token(now: float | None = None) -> str:
    """The signed time the form was shown, carried in a hidden field."""
    return signing.dumps(now if now is not None else time.time(), salt=TOKEN_SALT)


def fill_time_problem(token: str, now: float | None = None) -> str | None:
    """None if the form took a human's time to fill, else "fast", "expired" or "invalid"."""
    try:
        started = float(signing.loads(token, salt=TOKEN_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return "invalid"
    elapsed = (now if now is not None else time.time()) - started
    if elapsed < min_fill_seconds():
        return "fast"
    if elapsed > max_fill_seconds():
        return "expired"
    return None
