"""What the current request allows: its reads on the replica or not (a context variable).

A database router has no request; the middleware sets the state and the router reads it.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections

# Statements that change nothing; any other on the primary counts as a write, and so does
# a WITH that modifies data (WITH ... INSERT / UPDATE / DELETE).
READ_STATEMENTS = ("SELECT", "SET ", "SHOW ", "WITH")
DATA_CHANGE = re.compile(r"\b(INSERT|UPDATE|DELETE|MERGE)\b", re.IGNORECASE)


def writes(sql: str) -> bool:
    head = sql.lstrip()[:7].upper()
    if not head.startswith(READ_STATEMENTS):
        return True
    return head.startswith("WITH") and DATA_CHANGE.search(sql) is not None


@dataclass
class ReadOnlyRequest:
    # Set by a write on the primary: later reads must see it, so they stay there.
    wrote: bool = False
    # Set when the replica failed during the request: nothing more goes there.
    replica_failed: bool = False


_current: ContextVar[ReadOnlyRequest | None] = ContextVar("portal_read_only_request", default=None)


@contextmanager
def read_only_request():
    """Inside it, reads may go to the replica; yields the request's state."""
    state = ReadOnlyRequest()

    def note_writes(execute, sql, params, many, context):
        if writes(sql):
            state.wrote = True
        return execute(sql, params, many, context)

    token = _current.set(state)
    try:
        with connections[DEFAULT_DB_ALIAS].execute_wrapper(note_writes):
            yield state
    finally:
        _current.reset(token)


def current() -> ReadOnlyRequest | None:
    """The running read-only request's state, or None (reads on the primary)."""
    return _current.get()
