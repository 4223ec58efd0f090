"""Is the replica up and close enough behind the primary? Checked at most every few seconds.

The answer is kept per process for PORTAL_REPLICA_CHECK_SECONDS. A replica that
fails (the check or any query) is left alone for PORTAL_REPLICA_RETRY_SECONDS;
one whose replay lags more than PORTAL_REPLICA_MAX_LAG_SECONDS is not read
until it catches up.
"""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings
from django.db import DatabaseError, connections

from . import REPLICA_ALIAS

logger = logging.getLogger(__name__)

# Replay lag in seconds: nothing received is waiting to be replayed means caught up
# (an idle primary writes no transactions, so the last replay's age says nothing);
# NULL when the replica streams from no primary (its data may be arbitrarily old).
LAG_SQL = """
SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN 0
    WHEN pg_last_wal_receive_lsn() IS NULL THEN NULL
    WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
    ELSE extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())
END
"""

_lock = threading.Lock()
_state = {"usable": False, "checked_until": 0.0, "down_until": 0.0}


def replica_is_usable() -> bool:
    now = time.monotonic()
    if now < _state["down_until"]:
        return False
    if now < _state["checked_until"]:
        return _state["usable"]
    with _lock:
        if time.monotonic() >= _state["checked_until"]:
            _check()
    return _state["usable"] and time.monotonic() >= _state["down_until"]


def _check() -> None:
    try:
        with connections[REPLICA_ALIAS].cursor() as cursor:
            cursor.execute(LAG_SQL)
            (lag,) = cursor.fetchone()
    except DatabaseError:
        return  # the replica's backend marked it down
    usable = lag is not None and lag <= settings.PORTAL_REPLICA_MAX_LAG_SECONDS
    if not usable:
        logger.warning("The replica lags (%s s): reads go to the primary.", lag)
    _state.update(
        usable=usable, checked_until=time.monotonic() + settings.PORTAL_REPLICA_CHECK_SECONDS
    )


def mark_down() -> None:
    """The replica failed: no reads there for a while.

    Its broken connection is closed at the end of the request, as Django closes any
    connection that saw an error.
    """
    logger.warning("The replica failed: reads go to the primary.")
    _state.update(usable=False, down_until=time.monotonic() + settings.PORTAL_REPLICA_RETRY_SECONDS)


def forget() -> None:
    """Check again at the next read (tests; after the replica was restarted)."""
    _state.update(usable=False, checked_until=0.0, down_until=0.0)
