"""Counting the page views nginx serves from its frontend cache, read from its own log.

A page nginx answers from its cache never reaches Django, so it is not counted
there. nginx (deploy/nginx/frontend-cache) writes one JSON line for each such
answer: the time, host, method, status, cache status, the page id the cached
page carries (X-Portal-Page, set by portal.analytics.middleware) and the
User-Agent (only to tell robots apart, by the counter's own rule). No address,
cookie, referrer or path is written. Only HIT and UPDATING lines are views
Django never saw: every other answer (MISS, EXPIRED, BYPASS, STALE after a
background update or a failed attempt) asked gunicorn, which counted it.

`count_new_views` reads the lines written since its last run and adds them to
the daily rows the counter flushes to (counter.add_views), in the transaction
that also moves the saved position forward: a line is counted exactly once,
even when two runs overlap (the position row is locked) or one dies midway.
Rotation: when the file at the path is another file than the one the position
names, the rest of the old one is read from `<path>.1` (logrotate's first
name; use delaycompress), then the new one from its start; a file truncated in
place (copytruncate) is read again from its start.
A line that is not a well-formed view of a known unit's page (garbage, too
long, unknown host, a page id that unit does not have) is skipped.
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import re
from collections import Counter
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tenants.utils import schema_context
from wagtail.models import Page

from portal.tenancy import routing

from . import counter
from .models import CachedViewLogPosition

logger = logging.getLogger("portal.analytics")
MAX_LINE_BYTES = 4096
BATCH_LINES = 20_000
VIEW_CACHE_STATUSES = {"HIT", "UPDATING"}
PAGE_ID = re.compile(r"[1-9][0-9]{0,17}")
ROTATED_SUFFIX = ".1"


@dataclass(frozen=True)
class CachedView:
    host: str
    page_id: int
    day: datetime.date


def parse(line: bytes) -> CachedView | None:
    """The view a log line records, or None for anything else."""
    try:
        entry = json.loads(line)
    except (ValueError, RecursionError):  # UnicodeDecodeError included; [[[[...
        return None
    fields = ("time", "host", "method", "status", "cache", "page", "agent")
    if not isinstance(entry, dict) or not all(isinstance(entry.get(f), str) for f in fields):
        return None
    if entry["cache"] not in VIEW_CACHE_STATUSES or entry["status"] != "200":
        return None
    # nginx serves its cached pages only to requests without cookie or credentials.
    if not counter.is_counted(entry["method"], entry["agent"], signed_in=False):
        return None
    if not PAGE_ID.fullmatch(entry["page"]):
        return None
    try:
        moment = datetime.datetime.fromisoformat(entry["time"])
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    host = routing.normalise_host(entry["host"])
    return CachedView(host, int(entry["page"]), timezone.localtime(moment).date())


def _read_lines(file, offset: int) -> tuple[list[bytes], int, bool]:
    """Up to BATCH_LINES whole lines from `offset`: (lines, offset after them, at the end).

    A last line without its newline is being written: it is left for the next run.
    An overlong line is skipped whole.
    """
    file.seek(offset)
    lines: list[bytes] = []
    while len(lines) < BATCH_LINES:
        line = file.readline(MAX_LINE_BYTES + 1)
        if line.endswith(b"\n"):
            lines.append(line)
            offset = file.tell()
            continue
        if len(line) <= MAX_LINE_BYTES:
            return lines, offset, True
        while not line.endswith(b"\n"):  # overlong: skip to its end
            line = file.readline(MAX_LINE_BYTES + 1)
            if not line.endswith(b"\n") and len(line) <= MAX_LINE_BYTES:
                return lines, offset, True
        offset = file.tell()
    return lines, offset, False


def _open(path: str):
    try:
        return open(path, "rb")  # noqa: SIM115 (closed by the caller)
    except FileNotFoundError:
        return None


def _identity(file) -> tuple[int, int]:
    status = os.fstat(file.fileno())
    return status.st_dev, status.st_ino


def _read_batch(position: CachedViewLogPosition) -> tuple[list[bytes], bool]:
    """The next lines after `position` (moved past them); True once nothing is left."""
    current = _open(position.path)
    if current is None:
        return [], True
    with current:
        identity = _identity(current)
        if position.inode and identity != (position.device, position.inode):
            rotated = _open(position.path + ROTATED_SUFFIX)
            if rotated is not None:
                with rotated:
                    if _identity(rotated) == (position.device, position.inode):
                        lines, position.offset, _end = _read_lines(rotated, position.offset)
                        if lines:
                            return lines, False
                    else:
                        logger.warning("%s was rotated twice between runs", position.path)
            position.offset = 0
        position.device, position.inode = identity
        if os.fstat(current.fileno()).st_size < position.offset:  # truncated in place
            position.offset = 0
        lines, position.offset, at_end = _read_lines(current, position.offset)
        return lines, at_end


def _add(views: Counter[CachedView]) -> int:
    """Add the views of known units' own pages to the daily rows; returns how many."""
    by_host: dict[str, Counter[CachedView]] = {}
    for view, count in views.items():
        by_host.setdefault(view.host, Counter())[view] = count
    added = 0
    for host, host_views in by_host.items():
        unit = routing.unit_for_host(host)
        if unit is None:
            continue
        with schema_context(unit.schema_name):
            own = set(
                Page.objects.filter(pk__in={v.page_id for v in host_views}).values_list(
                    "pk", flat=True
                )
            )
        by_day: dict[datetime.date, Counter[int]] = {}
        for view, count in host_views.items():
            if view.page_id in own:
                by_day.setdefault(view.day, Counter())[view.page_id] += count
        for day, pages in by_day.items():
            counter.add_views(unit.pk, day, dict(pages))
            added += sum(pages.values())
    return added


def count_new_views(path: str) -> int:
    """Add the views logged at `path` since the last run; returns how many were added."""
    try:
        CachedViewLogPosition.objects.get_or_create(path=path)
    except IntegrityError:  # another run made it meanwhile
        pass
    added = 0
    done = False
    while not done:
        with transaction.atomic():
            position = CachedViewLogPosition.objects.select_for_update().get(path=path)
            lines, done = _read_batch(position)
            views = Counter(view for view in map(parse, lines) if view is not None)
            added += _add(views)
            position.save()
    return added
