"""A circuit breaker per Elasticsearch address: after a failure, searches skip it for a while.

A node that hangs (accepts connections, never answers) would cost every search a
timeout. After one failure the breaker opens: for PORTAL_ELASTICSEARCH_COOL_OFF
seconds the engine is not asked and PostgreSQL answers at once. Then one caller
(only one, whatever the number of threads) tries the node again: success closes
the breaker, failure opens it for another cool-off. The state is per process.
"""

from __future__ import annotations

import threading
import time

from django.conf import settings
from elasticsearch import ApiError

_lock = threading.Lock()
# address -> monotonic time before which nobody asks it.
_open_until: dict[str, float] = {}


def _address() -> str:
    return settings.ELASTICSEARCH_URL


def allows_a_try() -> bool:
    """Whether a search may ask Elasticsearch now. After the cool-off the first caller
    gets the trial; the breaker stays open for the others until that trial reports."""
    address, now = _address(), time.monotonic()
    with _lock:
        until = _open_until.get(address)
        if until is None:
            return True
        if now < until:
            return False
        _open_until[address] = now + settings.PORTAL_ELASTICSEARCH_COOL_OFF
        return True


def record_failure(error: Exception) -> None:
    """Open the breaker when `error` says the node is unwell (no answer, overloaded, failing);
    a request the node refused as wrong (4xx) says nothing about the node."""
    status = getattr(error, "status_code", None)
    if isinstance(error, ApiError) and status is not None and status < 500 and status != 429:
        return
    with _lock:
        _open_until[_address()] = time.monotonic() + settings.PORTAL_ELASTICSEARCH_COOL_OFF


def record_success() -> None:
    with _lock:
        _open_until.pop(_address(), None)
