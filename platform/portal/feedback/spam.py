"""Spam defence that needs no outside service: a rate limit, a honeypot, a fill-time check.

The rate limit (`portal.ratelimit`) counts per sender address and
per unit; the address is only hashed into the cache key, never stored.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core import signing

from portal import ratelimit
from portal.clients import client_address

TOKEN_SALT = "portal.feedback.form-started"


def allow_submission(request, purpose: str = "feedback") -> bool:
    """Whether this submission is within the sender's limit and the unit's flood guard.

    Each `purpose` (feedback, comments on a draft) counts apart under the same limits.
    """
    sender = ratelimit.Rate.of(settings.PORTAL_FEEDBACK_SENDER_LIMIT)
    unit = ratelimit.Rate.of(settings.PORTAL_FEEDBACK_UNIT_LIMIT)
    return (
        ratelimit.hit(f"{purpose}-sender", client_address(request), sender).allowed
        and ratelimit.hit(f"{purpose}-unit", request.tenant.schema_name, unit).allowed
    )


def allow_lookup(request) -> bool:
    """Tracking-code look-ups are limited too, so codes cannot be guessed by brute force."""
    rate = ratelimit.Rate.of(settings.PORTAL_FEEDBACK_LOOKUP_LIMIT)
    return ratelimit.hit("feedback-lookup", client_address(request), rate).allowed


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
    if elapsed < settings.PORTAL_FEEDBACK_MIN_FILL_SECONDS:
        return "fast"
    if elapsed > settings.PORTAL_FEEDBACK_MAX_FILL_SECONDS:
        return "expired"
    return None
