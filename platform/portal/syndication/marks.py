"""Change marks of the ledger, per scope, so cached aggregations and feeds know when to refresh.

A scope is the whole network, one unit with its subtree ("unit:<tree path>"),
or the units strictly below one ("below:<tree path>").
Every ledger write bumps the network and the writing unit's own scope and
those of all its ancestors, inside the writer's transaction: a cached result
keyed by a scope's counter is therefore never served after the change commits.
The marks live in the database, so every process sees them whatever the cache
backend. Readers keep what they read for at most MEMO_SECONDS in the process,
and a write in the process forgets it at once: a change shows immediately in
the process that made it and within MEMO_SECONDS everywhere else.
"""

from __future__ import annotations

import threading
import time

from django.db import connection
from django.db.models.signals import post_delete, post_save

from portal.publications.models import Publication
from portal.tenancy.models import Unit

from .models import LedgerMark

NETWORK = "network"
MEMO_SECONDS = 1.0

_memo: dict[str, tuple[float, LedgerMark]] = {}
_memo_lock = threading.Lock()


def unit_scope(unit: Unit) -> str:
    return f"unit:{unit.path}"


def below_scope(unit: Unit) -> str:
    """The units strictly below `unit`: what its pages show of others, not its own rows."""
    return f"below:{unit.path}"


def scopes_of(unit: Unit) -> list[str]:
    """The scopes a change of `unit`'s rows touches: the network, its ancestors, itself,
    and what is below each of its ancestors."""
    step = Unit.steplen
    paths = [unit.path[:end] for end in range(step, len(unit.path) + 1, step)]
    return [NETWORK] + [f"unit:{path}" for path in paths] + [f"below:{path}" for path in paths[:-1]]


def bump(scopes: list[str]) -> None:
    """Add one to each scope's counter (creating it), in a fixed order to avoid deadlocks."""
    table = LedgerMark._meta.db_table
    scopes = sorted(set(scopes))
    forget()
    values = ", ".join(["(%s, 1, now())"] * len(scopes))
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO public."{table}" (scope, counter, changed_at) VALUES {values} '
            f'ON CONFLICT (scope) DO UPDATE SET counter = public."{table}".counter + 1, '
            "changed_at = now()",
            scopes,
        )


def bump_everything() -> None:
    """Invalidate every scope (the tree of units changed: aggregations follow it)."""
    table = LedgerMark._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f'UPDATE public."{table}" SET counter = counter + 1, changed_at = now()')
    bump([NETWORK])


def forget() -> None:
    """Drop the process's memo of marks (after a write here, or in tests)."""
    with _memo_lock:
        _memo.clear()


def read(scope: str) -> LedgerMark:
    """The mark of `scope` (counter 0 if it never changed), at most MEMO_SECONDS old."""
    now = time.monotonic()
    with _memo_lock:
        memo = _memo.get(scope)
    if memo is not None and now - memo[0] < MEMO_SECONDS:
        return memo[1]
    mark = LedgerMark.objects.filter(scope=scope).order_by().first()
    if mark is None:
        mark = LedgerMark(scope=scope, counter=0, changed_at=None)
    with _memo_lock:
        _memo[scope] = (now, mark)
    return mark


def on_publication_saved(sender, instance: Publication, **kwargs):
    bump(scopes_of(instance.unit))


def on_units_changed(sender, instance: Unit, **kwargs):
    bump_everything()


def connect() -> None:
    post_save.connect(on_publication_saved, sender=Publication, dispatch_uid="syndication-mark")
    post_save.connect(on_units_changed, sender=Unit, dispatch_uid="syndication-mark-units")
    post_delete.connect(on_units_changed, sender=Unit, dispatch_uid="syndication-mark-units-gone")
