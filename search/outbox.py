"""Waking the outbox worker at once: PostgreSQL LISTEN/NOTIFY on the ledger's outbox mark.

A trigger on the ledger (installed by migration `portal_search.0006`) sends a
notification on `CHANNEL` whenever a row is written with its outbox mark set;
PostgreSQL delivers it when that transaction commits, so the worker never
wakes for a write that rolled back. The worker listens on a connection of its
own and still polls: a notification lost with a dropped connection (or a pooler
that does not pass LISTEN through) delays indexing by one poll, never loses it.
"""

from __future__ import annotations

import logging
import time

import psycopg
from django.db import connection
from django.db.models import Min
from django.utils import timezone

from portal.publications.models import Publication

logger = logging.getLogger(__name__)

CHANNEL = "portal_search_outbox"

# Identical notifications of one transaction reach listeners once, however many rows it marks.
NOTIFY_TRIGGER_SQL = f"""
CREATE OR REPLACE FUNCTION portal_search_outbox_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('{CHANNEL}', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER portal_search_outbox_notify
AFTER INSERT OR UPDATE ON portal_publications_publication
FOR EACH ROW WHEN (NEW.index_pending) EXECUTE FUNCTION portal_search_outbox_notify();
"""

DROP_NOTIFY_TRIGGER_SQL = """
DROP TRIGGER IF EXISTS portal_search_outbox_notify ON portal_publications_publication;
DROP FUNCTION IF EXISTS portal_search_outbox_notify();
"""


def longest_wait_seconds() -> float:
    """How long the oldest row still marked for indexing has waited (0 when none waits)."""
    oldest = Publication.objects.filter(index_pending=True).aggregate(oldest=Min("changed_at"))
    if oldest["oldest"] is None:
        return 0.0
    return max(0.0, (timezone.now() - oldest["oldest"]).total_seconds())


class OutboxListener:
    """A connection of its own LISTENing on CHANNEL (or the channel given); `wait(seconds)`
    returns on a notification.

    Opened lazily and reopened after a failure; while the database is away,
    `wait` just sleeps (the caller's poll then finds the rows).
    """

    def __init__(self, channel: str = CHANNEL):
        self._channel = channel
        self._connection: psycopg.Connection | None = None

    def wait(self, seconds: float) -> bool:
        """Block until a notification or `seconds` pass; True when the outbox may have rows.

        Also True right after (re)connecting: changes made while nobody listened
        sent notifications to no one, so the caller should look at once.
        """
        deadline = time.monotonic() + seconds
        try:
            if self._connection is None:
                self._listen()
                return True
            notified = any(True for _ in self._connection.notifies(timeout=seconds, stop_after=1))
            # Notifications queued meanwhile all ask for the same thing: one drain answers them.
            for _ in self._connection.notifies(timeout=0):
                pass
            return notified
        except psycopg.Error as error:
            logger.warning("Listening for outbox changes failed (%s); polling meanwhile.", error)
            self.close()
            time.sleep(max(0.0, deadline - time.monotonic()))
            return False

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _listen(self) -> None:
        listening = psycopg.connect(**connection.get_connection_params(), autocommit=True)
        try:
            listening.execute(f"LISTEN {self._channel}")
        except psycopg.Error:
            listening.close()
            raise
        self._connection = listening

    def __enter__(self) -> OutboxListener:
        """Listen before the first drain, so no change falls between that drain and a wait."""
        try:
            self._listen()
        except psycopg.Error as error:
            logger.warning("Listening for outbox changes failed (%s); polling meanwhile.", error)
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
