"""Spare unit schemas, cloned from the template ahead of time.

Cloning the template is most of what provisioning costs: about a second of
DDL in PostgreSQL for Wagtail's hundred-odd tables. `ALTER SCHEMA ... RENAME`
takes milliseconds and is transactional like the rest of provisioning, so
provision() renames a spare when one is ready and clones only when the pool
is empty. The pool is refilled after each use, away from the request.

A spare carries the fingerprint of the template's migration state it was
cloned from; after a migration, older spares are never used and
migrate_schemas replaces them.
"""

from __future__ import annotations

import logging
import secrets
import threading
from contextlib import contextmanager

from django.conf import settings
from django.db import connection, transaction

from . import template
from .models import SpareSchema

logger = logging.getLogger(__name__)

PREFIX = "spare_"
# Key of the session-level advisory lock held by whoever is filling the pool.
FILL_LOCK = 7_411_001


def take(schema: str) -> bool:
    """Rename a spare cloned from the current template to `schema`.

    Call inside the provisioning transaction: a rollback gives the spare back.
    Returns False when no usable spare is free (the caller clones instead).
    """
    spare = (
        SpareSchema.objects.select_for_update(skip_locked=True)
        .filter(fingerprint=template.fingerprint())
        .first()
    )
    if spare is None:
        return False
    spare.delete()
    with connection.cursor() as cursor:
        cursor.execute(f'ALTER SCHEMA "{spare.name}" RENAME TO "{schema}"')
    return True


def ready_count() -> int:
    """How many spares match the template as it is now."""
    return SpareSchema.objects.filter(fingerprint=template.fingerprint()).count()


def fill(size: int | None = None) -> int:
    """Clone spares until `size` (default: the setting) are ready; return how many were made.

    One filler at a time across every process: if another holds the lock this
    returns 0 at once. Each spare is committed on its own, so an interrupted
    fill leaves only whole spares.
    """
    size = settings.PORTAL_SCHEMA_POOL_SIZE if size is None else size
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [FILL_LOCK])
        if not cursor.fetchone()[0]:
            return 0
    made = 0
    try:
        while ready_count() < size:
            _clone_spare()
            made += 1
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [FILL_LOCK])
    return made


def _clone_spare() -> None:
    name = PREFIX + secrets.token_hex(6)
    with transaction.atomic():
        template.clone(name)
        SpareSchema.objects.create(name=name, fingerprint=template.fingerprint())


@contextmanager
def cloning_ahead(count: int):
    """Clone up to `count` spares in a second database session while the caller provisions.

    Cloning is PostgreSQL's work and provisioning is partly Python's, so the
    two overlap: a province's hundred-odd communes are provisioned in far
    less time than one clone after the other. Spares beyond the pool's size
    that were not used are dropped on the way out.
    """
    if count < 2 or connection.in_atomic_block:
        # Nothing to overlap with; or the caller's open transaction would keep
        # the clones waiting on its locks while it waits for them.
        yield
        return
    stop = threading.Event()

    def clone_until_stopped() -> None:
        try:
            for _ in range(count):
                if stop.is_set():
                    break
                _clone_spare()
        except Exception:  # the caller clones for itself when no spare is ready
            logger.exception("Cloning spare schemas ahead failed")
        finally:
            connection.close()

    worker = threading.Thread(target=clone_until_stopped, name="schema-pool-ahead", daemon=True)
    worker.start()
    try:
        yield
    finally:
        stop.set()
        worker.join()
        trim(settings.PORTAL_SCHEMA_POOL_SIZE)


def trim(size: int) -> int:
    """Drop spares beyond `size`, newest first; return how many."""
    dropped = 0
    with transaction.atomic():
        extra = SpareSchema.objects.select_for_update(skip_locked=True).order_by("-created_at")
        for spare in extra[: max(SpareSchema.objects.count() - size, 0)]:
            _drop(spare)
            dropped += 1
    return dropped


def _drop(spare: SpareSchema) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{spare.name}" CASCADE')
    spare.delete()


def discard_stale() -> int:
    """Drop the spares cloned from an older template; return how many."""
    current = template.fingerprint()
    dropped = 0
    with transaction.atomic():
        stale = SpareSchema.objects.select_for_update(skip_locked=True).exclude(fingerprint=current)
        for spare in stale:
            _drop(spare)
            dropped += 1
    return dropped


def refill_spare_schemas(stdout) -> None:
    """Refill the pool now, for commands that provision and then exit."""
    made = fill()
    if made:
        stdout.write(f"{made} spare schema(s) cloned for the next provisioning.")


def refill_in_background() -> None:
    """Start refilling the pool in a thread of its own, if the settings allow it."""
    if settings.PORTAL_SCHEMA_POOL_SIZE and settings.PORTAL_SCHEMA_POOL_BACKGROUND_REFILL:
        threading.Thread(target=_refill, name="schema-pool-refill", daemon=True).start()


def _refill() -> None:
    try:
        fill()
    except Exception:  # a failed refill only means the next provisioning clones
        logger.exception("Refilling the pool of spare schemas failed")
    finally:
        connection.close()
